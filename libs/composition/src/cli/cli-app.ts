import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createRootLogger } from '@claimtrail/platform';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { pino } from 'pino';
import type { ClaimTrailConfig } from '../claimtrail.config.js';
import { ClaimTrailModule } from '../claimtrail.module.js';

/** The CLI's application context on these settings: no HTTP, no projections in the background; logs on stderr. */
export async function openCliApp(config: ClaimTrailConfig): Promise<INestApplicationContext> {
  const logger = createRootLogger(config.logging.level, pino.destination({ dest: 2, sync: true }));
  const app = await NestFactory.createApplicationContext(
    ClaimTrailModule.forRoot(config, { role: 'cli', logger }),
    // A failure to start is thrown to runCli, which says what went wrong in one line: Nest's own console logger,
    // used only until pino takes over, would print it again with its stack.
    { bufferLogs: true, abortOnError: false, logger: ['fatal'] },
  );
  app.useLogger(app.get(PinoNestLogger));
  return app;
}
