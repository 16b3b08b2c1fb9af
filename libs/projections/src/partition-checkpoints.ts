import { ConfigError, type ConfigProblem } from '@claimtrail/platform';
import type { DataSource, EntityManager } from 'typeorm';

interface CheckpointRow {
  partition: number;
  partitions: number;
  position: string | null;
  events_applied: string;
}

/**
 * What to do when a projection's checkpoints are split into another number of partitions than configured:
 * `resplit` (a process about to run the projections) splits them anew if every partition stands at the same
 * position; `check` (the CLI) only refuses.
 */
export type SplitMode = 'resplit' | 'check';

/**
 * Gives every named projection one checkpoint per partition, before any runner starts. A new projection gets
 * them at the start of the log. A projection split otherwise is split anew only when all its partitions stand at
 * one position: every stream has then been applied exactly up to it, whichever partition it moves to. Else start-up
 * stops with a ConfigError naming the stored count.
 */
export async function splitCheckpoints(
  dataSource: DataSource,
  names: readonly string[],
  partitions: number,
  mode: SplitMode,
): Promise<void> {
  const problems: ConfigProblem[] = [];
  for (const name of names) {
    const problem = await dataSource.transaction((manager) => split(manager, name, partitions, mode));
    if (problem) problems.push({ key: 'PROJECTOR_PARTITIONS', message: problem });
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

async function split(
  manager: EntityManager,
  name: string,
  partitions: number,
  mode: SplitMode,
): Promise<string | undefined> {
  // Two processes starting at once on an empty table would otherwise each insert a split of their own.
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`projection_checkpoints:${name}`]);
  const rows: CheckpointRow[] = await manager.query(
    `SELECT partition, partitions, position, events_applied FROM projection_checkpoints
     WHERE name = $1 ORDER BY partition FOR UPDATE`,
    [name],
  );
  const stored = rows[0]?.partitions ?? partitions;
  if (stored === partitions) {
    await insertSplit(manager, name, partitions, null, 0);
    return undefined;
  }
  const level = rows.length === stored && new Set(rows.map((row) => row.position)).size === 1;
  if (mode === 'resplit' && level) {
    const applied = rows.reduce((sum, row) => sum + BigInt(row.events_applied), 0n);
    await manager.query('DELETE FROM projection_checkpoints WHERE name = $1', [name]);
    await insertSplit(manager, name, partitions, rows[0]!.position, applied);
    return undefined;
  }
  if (mode === 'check')
    return `is ${partitions}, but the checkpoints of ${name} are split into ${stored} partitions: run this with PROJECTOR_PARTITIONS=${stored}`;
  return (
    `is ${partitions}, but the checkpoints of ${name} are split into ${stored} partitions at different positions: ` +
    `stop the projector workers, run "claimtrail projections catch-up" with PROJECTOR_PARTITIONS=${stored}, then start them again`
  );
}

/** The missing checkpoints of a split, at position; events applied so far are counted on partition 0. */
async function insertSplit(
  manager: EntityManager,
  name: string,
  partitions: number,
  position: string | null,
  applied: bigint | number,
): Promise<void> {
  await manager.query(
    `INSERT INTO projection_checkpoints (name, partition, partitions, position, events_applied)
     SELECT $1, p, $2, $3, CASE WHEN p = 0 THEN $4::bigint ELSE 0 END FROM generate_series(0, $2 - 1) AS p
     ON CONFLICT (name, partition) DO NOTHING`,
    [name, partitions, position, String(applied)],
  );
}
