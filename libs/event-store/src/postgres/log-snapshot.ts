import type { Position } from '../event-store.port.js';
import { formatPosition } from '../position.js';
import { HORIZON_CTE } from './postgres-event-store.sql.js';
import type { Queryable } from './queryable.js';

/** The log as a snapshot sees it, for a backup taken in that snapshot. */
export interface LogSnapshot {
  /** Readers return only events below this transaction id (ADR 0002); a backup keeps exactly those. */
  horizon: string;
  /** The last event below the horizon; null for an empty log. */
  head: Position | null;
  events: number;
  /** The id the server's next transaction gets: a server the backup is restored into must count on from there. */
  nextTransactionId: string;
  /** The last seal of the log (ADR 0005): the checksum of everything sealed up to it. */
  lastSeal: { seq: number; position: Position; seal: string } | null;
}

/**
 * Reads the log's horizon, head, size and seal in the caller's snapshot (a REPEATABLE READ transaction on db). The
 * events a backup keeps are those below the horizon, the same a reader would return: a prefix of the log that no
 * later commit can add to, so a restored log is a prefix of the one it came from. An event above the horizon is in
 * the snapshot only when a slower appender (lower transaction id) had not committed yet.
 */
export async function readLogSnapshot(db: Queryable): Promise<LogSnapshot> {
  const { rows } = await db.query<{ horizon: string; next: string }>(
    `WITH ${HORIZON_CTE} SELECT (SELECT xid FROM horizon)::text AS horizon,
       pg_snapshot_xmax((SELECT s FROM snapshot))::text AS next`,
  );
  const { horizon, next } = rows[0]!;
  // Plain bigint columns (the driver hands them over as strings): a cast output named like its column would make
  // ORDER BY sort the text (999 after 1000).
  const head = await db.query<{ transaction_id: string; position: string }>(
    `SELECT transaction_id, position FROM events
     WHERE transaction_id < $1::bigint ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    [horizon],
  );
  const count = await db.query<{ count: string }>(
    'SELECT count(*)::text AS count FROM events WHERE transaction_id < $1::bigint',
    [horizon],
  );
  // A log from before tamper evidence (ADR 0005) has no seals table yet.
  const { rows: seals } = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('public.log_seals') IS NOT NULL AS exists`,
  );
  const seal = seals[0]!.exists
    ? await db.query<{ seq: string; transaction_id: string; position: string; seal: string }>(
        `SELECT seq, transaction_id, position, encode(seal, 'hex') AS seal FROM log_seals ORDER BY seq DESC LIMIT 1`,
      )
    : { rows: [] };
  const last = head.rows[0];
  const sealed = seal.rows[0];
  return {
    horizon,
    head: last ? formatPosition(last.transaction_id, last.position) : null,
    events: Number(count.rows[0]!.count),
    nextTransactionId: next,
    lastSeal: sealed
      ? {
          seq: Number(sealed.seq),
          position: formatPosition(sealed.transaction_id, sealed.position),
          seal: sealed.seal,
        }
      : null,
  };
}

/** The events a backup taken with this snapshot keeps, in log order (SQL for the events table). */
export function logSnapshotRows(snapshot: LogSnapshot): { where: string; orderBy: string } {
  return {
    where: `transaction_id < ${BigInt(snapshot.horizon).toString()}`,
    orderBy: 'transaction_id, position',
  };
}

/** The highest transaction id the log records; 0 for an empty log. */
export async function highestLogTransactionId(db: Queryable): Promise<bigint> {
  const { rows } = await db.query<{ max: string | null }>(
    'SELECT max(transaction_id)::text AS max FROM events',
  );
  return BigInt(rows[0]!.max ?? '0');
}
