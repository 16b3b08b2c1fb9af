import type pg from 'pg';
import { BackupError } from '../database.errors.js';

/** Transaction ids used per round trip: each round is one statement, so progress shows and nothing runs long. */
const ROUND = 100_000;

/** Beyond this PostgreSQL would need vacuums on the way (wraparound protection); pg_resetwal is the tool then. */
const MAX_ADVANCE = 1_000_000_000n;

/** The id the server's next transaction will get; reading it assigns none. */
export async function nextTransactionId(client: pg.ClientBase): Promise<bigint> {
  const { rows } = await client.query<{ next: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
  );
  return BigInt(rows[0]!.next);
}

/**
 * Moves the server's transaction counter until the next transaction id is at least target; resolves with how many
 * ids were used. Each id is taken by a subtransaction that writes one row of a temporary table and rolls back, so
 * nothing is left behind: a fresh cluster starts its counter near zero, and data restored into it may record ids
 * from the cluster it came from that the new one has not reached.
 */
export async function advanceTransactionIds(
  client: pg.ClientBase,
  target: bigint,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const start = await nextTransactionId(client);
  if (start >= target) return 0;
  const total = target - start;
  if (total > MAX_ADVANCE)
    throw new BackupError(
      'RESTORE_TRANSACTION_IDS',
      `The server's transaction ids would have to move ${total} forward, more than ${MAX_ADVANCE}: set them with ` +
        `pg_resetwal -e (a new epoch) before restoring`,
    );
  await client.query('CREATE TEMPORARY TABLE IF NOT EXISTS claimtrail_transaction_ids (n int)');
  try {
    for (let next = start; next < target; next = await nextTransactionId(client)) {
      const round = Number(target - next < BigInt(ROUND) ? target - next : BigInt(ROUND));
      await client.query(`DO $$ BEGIN
        FOR i IN 1..${round} LOOP
          BEGIN
            INSERT INTO claimtrail_transaction_ids VALUES (i);
            RAISE EXCEPTION USING ERRCODE = 'P0001';
          EXCEPTION WHEN raise_exception THEN NULL;
          END;
        END LOOP;
      END $$`);
      onProgress?.(Number(next + BigInt(round) - start), Number(total));
    }
  } finally {
    await client.query('DROP TABLE IF EXISTS claimtrail_transaction_ids');
  }
  return Number((await nextTransactionId(client)) - start);
}
