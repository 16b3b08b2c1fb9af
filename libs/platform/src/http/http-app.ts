import 'reflect-metadata';
import { Logger, ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { ShuttingDownError, validationExceptionFactory } from '../errors/api-errors.js';
import type { RequestErrorReason } from '../errors/platform-errors.mapping.js';
import { GracefulShutdown } from '../lifecycle/graceful-shutdown.js';
import { HttpDrain } from '../lifecycle/http-drain.js';
import { arrivedDuringShutdown, requestLogger } from '../logging/request-logging.js';
import { recordOutcome } from '../logging/request-logging.plugin.js';
import { TextInputPipe, type TextRule } from '../validation/text-input.pipe.js';
import { graphqlSpans } from '../tracing/graphql.tracing.js';
import { graphiqlRouter } from './graphiql.page.js';
import type { HttpSettings } from './http.config.js';
import { webAppRouter, type WebAppOptions } from './web-app.router.js';
import { ListenError, listenErrorMessage, reservePort } from './port-reservation.js';
import { UnexpectedErrorFilter } from './unexpected-error.filter.js';

export interface HttpAppOptions {
  http: HttpSettings;
  graphiql: boolean;
  /** The dashboard page at /app, when served. */
  webApp?: WebAppOptions;
  /** The process's logger (createRootLogger); the module must import LoggerModule over the same one. */
  logger: Pino;
  /** The rules every string argument must follow. */
  textRule: TextRule;
  /** A server span for each GraphQL request (when traces are on). */
  tracing?: boolean;
}

/** A body-parser failure (too large, not JSON) answered in GraphQL's error shape, without echoing the body. */
function requestErrorHandler(
  error: { type?: string; status?: number },
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!error?.type || !error.status) return next(error);
  const reason: RequestErrorReason =
    error.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_REQUEST';
  recordOutcome(req, { errorCodes: ['BAD_USER_INPUT'] });
  res.status(error.status).json({
    errors: [
      {
        message:
          reason === 'PAYLOAD_TOO_LARGE'
            ? 'The request is larger than this server accepts'
            : 'The request body is not valid JSON',
        extensions: { code: 'BAD_USER_INPUT', reason },
      },
    ],
  });
}

const HEALTH_PROBE = /^\/health(\/|$)/;

/**
 * Once the process is shutting down, every request but the health probes (readiness says so) is refused without
 * running, and its connection closed after the answer.
 */
function shutdownGate(signal: AbortSignal) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!signal.aborted) return next();
    arrivedDuringShutdown(req);
    if (HEALTH_PROBE.test(req.path)) return next();
    const error = new ShuttingDownError();
    recordOutcome(req, { errorCodes: ['SHUTTING_DOWN'] });
    res
      .status(503)
      .set('Connection', 'close')
      .json({ errors: [{ message: error.message, extensions: { code: 'SHUTTING_DOWN' } }] });
  };
}

/**
 * The Nest application over HTTP, with what every request goes through: its log line, the shutdown gate, body
 * limits, input pipes. Signals are left to the caller (shutDownOnSignals): tests run it in-process.
 */
export async function createHttpApp(
  module: DynamicModule,
  options: HttpAppOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    // Held until pino takes over, so that the boot lines are JSON too.
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.disable('x-powered-by');
  // First, so that every request gets its line, those the body parser or GraphiQL answer included.
  app.use(requestLogger(options.logger));
  const shutdown = app.get(GracefulShutdown);
  const drain = new HttpDrain(app.getHttpServer());
  shutdown.onDrain('http', () => drain.close());
  app.use(drain.track, shutdownGate(shutdown.signal));
  if (options.graphiql) app.use(graphiqlRouter());
  if (options.webApp) app.use(webAppRouter(options.webApp));
  app.use(express.json({ limit: options.http.bodyLimit }), requestErrorHandler);
  // After the body parser: the span's context would not survive its stream callbacks.
  if (options.tracing) app.use('/graphql', graphqlSpans);
  app.useGlobalFilters(new UnexpectedErrorFilter(app.getHttpAdapter()));
  app.useGlobalPipes(
    new TextInputPipe(options.textRule),
    new ValidationPipe({
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: validationExceptionFactory,
      validationError: { target: false, value: false },
    }),
  );
  return app;
}

/** Boots the application and listens on HOST:PORT; fails without starting anything when that address is taken. */
export async function startHttpApp(
  module: DynamicModule,
  options: HttpAppOptions,
): Promise<INestApplication> {
  const { port, host } = options.http;
  const reservation = await reservePort(port, host);
  let app: INestApplication | undefined;
  try {
    app = await createHttpApp(module, options);
    await app.init();
    await reservation.release();
    await app.listen(reservation.port, host).catch((error: NodeJS.ErrnoException) => {
      throw new ListenError(listenErrorMessage(error.code, host, reservation.port));
    });
  } catch (error) {
    await reservation.release();
    await app?.close();
    throw error;
  }
  const shown = host.includes(':') ? `[${host}]` : host;
  new Logger('Api').log(`Listening on http://${shown}:${reservation.port}/graphql`);
  return app;
}
