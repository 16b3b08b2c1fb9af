import type { INestApplicationContext } from '@nestjs/common';
import { advanceTransactionIds, BackupError, PG_POOL } from '@claimtrail/database';
import {
  EVENT_STORE_INTEGRITY,
  highestLogTransactionId,
  readLogSnapshot,
  type EventStoreIntegrity,
  type IntegrityReport,
} from '@claimtrail/event-store';
import { ProjectionRebuilder, ProjectorService, type ReadModel } from '@claimtrail/projections';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { ProgressBar } from '../cli/progress-bar.js';
import type { ClaimTrailBackupHeader } from './claimtrail-backup.js';

export interface RestoreProgress {
  /** One line on stderr saying what starts now. */
  step(message: string): void;
  bar(unit: string): ProgressBar;
}

export interface ReadModelCheck {
  projection: string;
  /** Events the restored tables applied to catch up from their own checkpoint. */
  caughtUp: number;
  /** Events the rebuild replayed from the start of the log. */
  rebuilt: number;
  tables: { table: string; rows: number; differing: number }[];
  /**
   * The restored tables, caught up, held exactly the rows of the rebuild; null when they could not be caught up here
   * (their checkpoints are split into another number of partitions than PROJECTOR_PARTITIONS).
   */
  matches: boolean | null;
}

export interface RestoredCheck {
  transactionIdsAdvanced: number;
  integrity: IntegrityReport;
  readModels: ReadModelCheck[];
}

const CHECK_SCHEMA = 'restore_check';

/**
 * What a restored database needs before it serves, whether it came from `claimtrail restore` or from pg_restore:
 * its transaction counter moved past every id the log records (readers return only events below the server's oldest
 * open transaction, ADR 0002: on a new cluster, whose counter starts near zero, the restored log would stay
 * invisible and new events would sort before it); the hash chains and log seal checked (ADR 0005), and against the
 * backup's header when there is one; each read model caught up from its restored checkpoint, then rebuilt from the
 * log and compared with it. Throws RESTORE_INTEGRITY_BROKEN when the log is not intact.
 */
export async function checkRestoredDatabase(
  app: INestApplicationContext,
  readModels: readonly ReadModel[],
  header: ClaimTrailBackupHeader | undefined,
  progress: RestoreProgress,
): Promise<RestoredCheck> {
  const pool = app.get<Pool>(PG_POOL);
  const client = await pool.connect();
  let transactionIdsAdvanced: number;
  try {
    const floor = (await highestLogTransactionId(client)) + 1n;
    const recorded = header ? BigInt(header.application.log.nextTransactionId) : 0n;
    const target = recorded > floor ? recorded : floor;
    progress.step('Moving the transaction counter past the log');
    transactionIdsAdvanced = await withBar(progress.bar('transaction ids'), (bar) =>
      advanceTransactionIds(client, target, (done, total) => bar(done, total)),
    );
  } finally {
    client.release();
  }

  progress.step('Checking the hash chains and the log seal');
  const integrity = await withBar(progress.bar('events'), (bar) =>
    app.get<EventStoreIntegrity>(EVENT_STORE_INTEGRITY).verifyLog(bar),
  );
  const broken = integrity.firstBroken;
  if (broken)
    throw new BackupError(
      'RESTORE_INTEGRITY_BROKEN',
      `The restored log is not intact at ${broken.streamName} version ${broken.version}` +
        `${broken.position ? ` (position ${broken.position})` : ''}: ${broken.reason}`,
    );
  if (header) await compareWithHeader(pool, header);

  const dataSource = app.get(DataSource);
  const runners = app.get(ProjectorService).runners;
  const rebuilder = app.get(ProjectionRebuilder);
  // Rebuilds under way where the backup was taken belonged to a process that is not here.
  await dataSource.query('DELETE FROM projection_rebuilds');
  const checks: ReadModelCheck[] = [];
  for (const readModel of readModels) {
    const name = readModel.projection.name;
    const mine = runners.filter((r) => r.name === name);
    const tables = [...(readModel.entities as never[])].map(
      (entity) => dataSource.getMetadata(entity).tableName,
    );
    // Restored checkpoints split otherwise than PROJECTOR_PARTITIONS cannot be caught up here; the rebuild still
    // replaces them, level, so that the next start splits them as configured.
    const splits: { partitions: number }[] = await dataSource.query(
      'SELECT DISTINCT partitions FROM projection_checkpoints WHERE name = $1',
      [name],
    );
    const comparable = splits.length === 0 || (splits.length === 1 && splits[0]!.partitions === mine.length);
    progress.step(
      comparable
        ? `Read model ${name}: catching up, then rebuilding it from the log to compare`
        : `Read model ${name}: rebuilding it from the log (its checkpoints are split into other partitions)`,
    );
    let caughtUp = 0;
    if (comparable) {
      for (const runner of mine) caughtUp += await runner.catchUp();
      await dataSource.query(`DROP SCHEMA IF EXISTS ${CHECK_SCHEMA} CASCADE`);
      await dataSource.query(`CREATE SCHEMA ${CHECK_SCHEMA}`);
      for (const table of tables)
        await dataSource.query(`CREATE TABLE ${CHECK_SCHEMA}."${table}" AS TABLE public."${table}"`);
    }
    const rebuilt = await withBar(progress.bar('events'), (bar) =>
      rebuilder.rebuild(name, (p) => bar(p.eventsApplied, p.eventsExpected)),
    );
    const compared: ReadModelCheck['tables'] = [];
    if (comparable) {
      for (const table of tables) {
        const [row] = await dataSource.query(
          `SELECT (SELECT count(*) FROM public."${table}")::int AS rows, (SELECT count(*) FROM (
             (SELECT to_jsonb(r) FROM ${CHECK_SCHEMA}."${table}" r EXCEPT ALL SELECT to_jsonb(l) FROM public."${table}" l)
             UNION ALL
             (SELECT to_jsonb(l) FROM public."${table}" l EXCEPT ALL SELECT to_jsonb(r) FROM ${CHECK_SCHEMA}."${table}" r)
           ) d)::int AS differing`,
        );
        compared.push({ table, rows: row.rows, differing: row.differing });
      }
      await dataSource.query(`DROP SCHEMA ${CHECK_SCHEMA} CASCADE`);
    }
    checks.push({
      projection: name,
      caughtUp,
      rebuilt: rebuilt.eventsApplied,
      tables: compared,
      matches: comparable ? compared.every((t) => t.differing === 0) : null,
    });
  }
  return { transactionIdsAdvanced, integrity, readModels: checks };
}

/** The restored log ends where the backup's header says, with the same seal. */
async function compareWithHeader(pool: Pool, header: ClaimTrailBackupHeader): Promise<void> {
  const expected = header.application.log;
  const restored = await readLogSnapshot(pool);
  const same =
    restored.head === expected.head &&
    restored.events === expected.events &&
    restored.lastSeal?.seq === expected.lastSeal?.seq &&
    restored.lastSeal?.seal === expected.lastSeal?.seal;
  if (!same)
    throw new BackupError(
      'RESTORE_INTEGRITY_BROKEN',
      `The restored log (${restored.events} events, head ${restored.head ?? 'none'}) is not the one the backup's ` +
        `header describes (${expected.events} events, head ${expected.head ?? 'none'})`,
    );
}

async function withBar<T>(
  bar: ProgressBar,
  work: (update: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  try {
    return await work((done, total) =>
      bar.update(done, total, done / Math.max((Date.now() - started) / 1000, 0.001)),
    );
  } finally {
    bar.stop();
  }
}
