import type { INestApplicationContext } from '@nestjs/common';
import type { ClaimTrailConfig } from '../claimtrail.config.js';

/** A refusal the CLI reports in one line on stderr, with exit code 1 (never a stack). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** Data goes to stdout, one JSON value per line; progress and messages go to stderr. */
export function writeLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Opens the application (database, event store, projections) only when a command needs it, not for --help. */
export interface CliContext {
  app(): Promise<INestApplicationContext>;
  /** The validated settings, for commands that need no application (token). */
  config(): ClaimTrailConfig;
  /** Who runs the command, for the PHI access log: CLAIMTRAIL_ACTOR, else cli:<OS user>. */
  actor(): string;
}
