import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { correlationIdOf } from '../identity/request-identity.js';
import { loggableError, type LoggableError } from './loggable-error.js';
import type { Params } from 'nestjs-pino';
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { LogLevel } from './logging.config.js';
import { outcomeOf } from './request-logging.plugin.js';

type Request = IncomingMessage & { id?: unknown; originalUrl?: string };
type Response = ServerResponse & { err?: unknown };

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

// A path is logged only when it is one the API serves: any other is text a client chose.
const KNOWN_PATHS = /^\/(graphql|health|metrics|graphiql-assets|app)(?=\/|$)/;

function pathOf(req: Request): string {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0]!;
  return KNOWN_PATHS.exec(path)?.[0] ?? 'other';
}

/** The caller's x-request-id when it is a plain token, else a new UUID; echoed so a client can quote it. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** The correlation id as the resolvers read it; a header they would refuse is logged as 'invalid'. */
function correlation(req: IncomingMessage): { correlationId?: string } {
  try {
    return { correlationId: correlationIdOf(req.headers) };
  } catch {
    return { correlationId: 'invalid' };
  }
}

const isLoggable = (value: unknown): value is LoggableError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as LoggableError).type === 'string' &&
  Object.keys(value).every((key) => ['type', 'code', 'stack', 'cause'].includes(key));

/**
 * The process's one logger: JSON lines, and serializers that keep headers, bodies, query strings and error
 * messages out, whoever logs a request, a response or an error.
 */
export function createRootLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: stdTimeFunctions.isoTime,
      serializers: {
        req: (req: Request) => ({ id: req.id, method: req.method, path: pathOf(req) }),
        res: (res: Response) => ({ statusCode: res.statusCode }),
        err: (error: unknown) => (isLoggable(error) ? error : loggableError(error)),
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const duringShutdown = new WeakSet<IncomingMessage>();

/** The request arrived while the process shuts down: 503 is then the answer expected, logged at info. */
export function arrivedDuringShutdown(req: IncomingMessage): void {
  duringShutdown.add(req);
}

/**
 * One line per HTTP request, written when the response is done: request id, actor (its token's subject), correlation id, operation,
 * status, duration and error codes. Client errors and 503s during a shutdown are info; any other 5xx or an
 * INTERNAL_SERVER_ERROR is error, with the error's class and stack frames.
 */
export function requestLogger(logger: Logger): HttpLogger {
  const graphql = (req: IncomingMessage) => outcomeOf(req);
  return pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId: requestId,
    // Evaluated at the start and again at the end: only values known from the start belong here.
    customProps: (req) => correlation(req),
    customLogLevel: (req, res: Response, error) =>
      error || res.err || (res.statusCode >= 500 && !(res.statusCode === 503 && duringShutdown.has(req)))
        ? 'error'
        : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, _res, value) => ({ ...value, ...graphql(req) }),
    customErrorObject: (req, res: Response, error, value) => ({
      ...value,
      ...graphql(req),
      // pino-http invents an Error for a bare 5xx; its stack would point into pino-http, not at a cause.
      err: res.err || !/^failed with status code/.test(error.message) ? error : undefined,
    }),
  });
}

/**
 * nestjs-pino over the same logger: Nest's own lines and every Logger call go through it, and inside a request
 * they carry the request's id. It writes no request line of its own; requestLogger does.
 */
export function loggerModuleParams(logger: Logger): Params {
  return { pinoHttp: { logger, wrapSerializers: false, autoLogging: false } };
}
