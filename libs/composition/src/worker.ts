import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createRootLogger } from '@claimtrail/platform';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { ClaimTrailConfig } from './claimtrail.config.js';
import { ClaimTrailModule } from './claimtrail.module.js';

/**
 * The projections alone, for scaling them out next to an API started with PROJECTOR_IN_PROCESS=false. Signals are
 * left to the caller (shutDownOnSignals).
 */
export async function startWorker(config: ClaimTrailConfig): Promise<INestApplicationContext> {
  if (!config.database.url)
    throw new ConfigError([
      { key: 'DATABASE_URL', message: 'is required: the embedded database belongs to the api process' },
    ]);
  const logger = createRootLogger(config.logging.level);
  const app = await NestFactory.createApplicationContext(
    ClaimTrailModule.forRoot(config, { role: 'worker', logger }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoNestLogger));
  await app.init();
  new Logger('Projector').log('Projector worker started; stop it with SIGTERM');
  return app;
}
