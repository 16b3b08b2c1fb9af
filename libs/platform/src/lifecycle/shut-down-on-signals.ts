import { Logger, type INestApplicationContext } from '@nestjs/common';
import { loggableError } from '../logging/loggable-error.js';
import { GracefulShutdown } from './graceful-shutdown.js';
import type { ShutdownSettings } from './shutdown.config.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM or SIGINT: drains (GracefulShutdown), closes the application (each module's onApplicationShutdown:
 * the projector ends its batch, pools and the database close) and exits 0. A second signal, a failure, or a
 * shutdown longer than timeoutMs exits 1 at once. Replaces Nest's enableShutdownHooks, which closes the
 * application, HTTP server and all, without the drain.
 */
export function shutDownOnSignals(
  app: INestApplicationContext,
  settings: ShutdownSettings,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const logger = new Logger('Shutdown');
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn({ phase: 'forced', signal }, `${signal} again: exiting before the shutdown finished`);
      return exit(1);
    }
    started = true;
    logger.log({ phase: 'started', signal, timeoutMs: settings.timeoutMs }, `${signal}: shutting down`);
    const deadline = setTimeout(() => {
      logger.warn(
        { phase: 'forced', timeoutMs: settings.timeoutMs },
        `Shutdown took longer than ${settings.timeoutMs} ms: exiting before it finished`,
      );
      exit(1);
    }, settings.timeoutMs);
    void (async () => {
      try {
        await app.get(GracefulShutdown).drain();
        await app.close();
      } catch (error) {
        clearTimeout(deadline);
        logger.error({ phase: 'failed', err: loggableError(error) }, 'Shutdown failed');
        return exit(1);
      }
      clearTimeout(deadline);
      logger.log({ phase: 'stopped' }, 'Shut down');
      exit(0);
    })();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
