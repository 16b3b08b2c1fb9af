import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerPort } from 'typeorm';
import { loggableError } from '@claimtrail/platform';

// A closed list, so that nothing from the statement itself can reach a log line.
const STATEMENT_KINDS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'WITH',
  'BEGIN',
  'START',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'CREATE',
  'ALTER',
  'DROP',
  'TRUNCATE',
  'LOCK',
  'SET',
  'SHOW',
  'LISTEN',
  'UNLISTEN',
  'NOTIFY',
  'DO',
  'CALL',
  'VALUES',
]);

/** The first keyword of a statement (SELECT, INSERT, ...), or OTHER. */
export function statementKind(query: string): string {
  const keyword = /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*([A-Za-z]+)/.exec(query)?.[1]?.toUpperCase();
  return keyword && STATEMENT_KINDS.has(keyword) ? keyword : 'OTHER';
}

/**
 * TypeORM's own loggers print a failing statement with its parameters, which are claim and patient data. This one
 * says which kind of statement failed and why (class, SQLSTATE), never the statement or its values. A failure is
 * a warning here: whoever called the query reports the error itself, once.
 */
export class TypeOrmLogger implements TypeOrmLoggerPort {
  private readonly logger = new Logger('TypeORM');

  logQuery(_query: string, _parameters?: unknown[]): void {}

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    this.logger.warn(
      { statement: statementKind(query), err: loggableError(error, false) },
      'Database statement failed',
    );
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown[]): void {
    this.logger.warn({ statement: statementKind(query), durationMs: time }, 'Slow database statement');
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level !== 'warn') return;
    // TypeORM appends the driver's error text to some warnings ("pool raised an error. <text>"): keep the sentence.
    if (typeof message === 'string') this.logger.warn(message.split(/[.:] /)[0]);
    else this.logger.warn({ err: loggableError(message, false) }, 'TypeORM warning');
  }
}
