import 'reflect-metadata';
import { Logger, ValidationPipe, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TextInputPipe, validationExceptionFactory } from '@claimtrail/claims';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiConfig } from './api.config.js';
import { AppModule } from './app.module.js';
import { graphiqlRouter } from './graphiql.page.js';

/** A body-parser failure (too large, not JSON) answered in GraphQL's error shape, without echoing the body. */
function requestErrorHandler(
  error: { type?: string; status?: number },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!error?.type || !error.status) return next(error);
  const tooLarge = error.type === 'entity.too.large';
  res.status(error.status).json({
    errors: [
      {
        message: tooLarge
          ? 'The request is larger than this server accepts'
          : 'The request body is not valid JSON',
        extensions: { code: 'BAD_USER_INPUT', reason: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_REQUEST' },
      },
    ],
  });
}

export async function createApp(
  config: ApiConfig,
  logger: LogLevel[] | false = ['log', 'warn', 'error'],
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger,
  });
  app.disable('x-powered-by');
  if (config.graphiql) app.use(graphiqlRouter());
  app.use(express.json({ limit: config.bodyLimit }), requestErrorHandler);
  app.useGlobalPipes(
    new TextInputPipe(),
    new ValidationPipe({
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: validationExceptionFactory,
      validationError: { target: false, value: false },
    }),
  );
  app.enableShutdownHooks();
  return app;
}

export async function startApp(config: ApiConfig): Promise<INestApplication> {
  const app = await createApp(config);
  await app.listen(config.port);
  new Logger('Api').log(`GraphQL on ${(await app.getUrl()).replace('[::1]', 'localhost')}/graphql`);
  return app;
}
