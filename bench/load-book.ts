import { chainFieldsOf, eventHash } from '@claimtrail/event-store';
import type pg from 'pg';
import { bookEvents, type BookOptions, type BookStats } from './book.js';
import { copyIn } from './copy-in.js';

const COLUMNS = 'stream_name, version, event_id, type, schema_version, data, metadata, recorded_at, hash';

/**
 * Writes the book straight into the events table with COPY, one transaction per chunk, in log order: the same rows
 * the store's append would write (its own columns, positions from the identity, transaction ids from each COPY),
 * with recorded_at taken from the book so that the recorded-time reports have history, and each event's hash chained
 * to its stream's previous one as the append statement computes it (ADR 0005). The next chunk is generated while the
 * previous one is being copied.
 */
export async function loadBook(pool: pg.Pool, options: BookOptions): Promise<BookStats> {
  const stats: BookStats = { claims: 0, events: 0, refused: 0 };
  const client = await pool.connect();
  const heads = new Map<string, string>();
  try {
    let pending: Promise<void> = Promise.resolve();
    for (const chunk of bookEvents(options, stats)) {
      const rows = chunk.map((e) => {
        const hash = eventHash(heads.get(e.streamName), chainFieldsOf(e.streamName, e.version, e));
        heads.set(e.streamName, hash);
        return [
          e.streamName,
          e.version,
          e.id,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          e.recordedAt,
          `\\x${hash}`,
        ];
      });
      await pending;
      pending = copyIn(client, `COPY events (${COLUMNS}) FROM STDIN`, rows);
    }
    await pending;
    await client.query('ANALYZE events');
  } finally {
    client.release();
  }
  return stats;
}
