import 'reflect-metadata';
import { Logger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TextInputPipe, validationExceptionFactory } from '@claimtrail/claims';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { ApiConfig } from './api.config.js';
import { AppModule } from './app.module.js';
import { graphiqlRouter } from './graphiql.page.js';
import { ListenError, listenErrorMessage, reservePort } from './port-reservation.js';
import { createRootLogger, requestLogger } from './request-logging.js';
import { recordOutcome } from './request-logging.plugin.js';
import { UnexpectedErrorFilter } from './unexpected-error.filter.js';

export interface AppOptions {
  /** Where the JSON log lines go; standard output by default. Tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

/** A body-parser failure (too large, not JSON) answered in GraphQL's error shape, without echoing the body. */
function requestErrorHandler(
  error: { type?: string; status?: number },
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!error?.type || !error.status) return next(error);
  const tooLarge = error.type === 'entity.too.large';
  recordOutcome(req, { errorCodes: ['BAD_USER_INPUT'] });
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

export async function createApp(config: ApiConfig, options: AppOptions = {}): Promise<INestApplication> {
  const logger = createRootLogger(config.logLevel, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bodyParser: false,
    // Held until pino takes over, so that the boot lines are JSON too.
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.disable('x-powered-by');
  // First, so that every request gets its line, those the body parser or GraphiQL answer included.
  app.use(requestLogger(logger));
  if (config.graphiql) app.use(graphiqlRouter());
  app.use(express.json({ limit: config.bodyLimit }), requestErrorHandler);
  app.useGlobalFilters(new UnexpectedErrorFilter(app.getHttpAdapter()));
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

/** Boots the API and listens on HOST:PORT; fails without starting anything when that address is taken. */
export async function startApp(config: ApiConfig, options: AppOptions = {}): Promise<INestApplication> {
  const reservation = await reservePort(config.port, config.host);
  let app: INestApplication | undefined;
  try {
    app = await createApp(config, options);
    await app.init();
    await reservation.release();
    await app.listen(reservation.port, config.host).catch((error: NodeJS.ErrnoException) => {
      throw new ListenError(listenErrorMessage(error.code, config.host, reservation.port));
    });
  } catch (error) {
    await reservation.release();
    await app?.close();
    throw error;
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  new Logger('Api').log(`Listening on http://${host}:${reservation.port}/graphql`);
  return app;
}
