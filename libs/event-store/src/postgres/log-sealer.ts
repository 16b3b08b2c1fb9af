import { abortableSleep } from '../abortable-sleep.js';
import type { EventStore } from '../event-store.port.js';
import { sealHash } from '../integrity/event-chain.js';
import { formatPosition, parsePosition } from '../position.js';
import type { Queryable } from './queryable.js';

const LAST_SEAL_SQL = 'SELECT seq, transaction_id, position, seal FROM log_seals ORDER BY seq DESC LIMIT 1';

// One statement: it inserts only if no other sealer moved the seal since it was read (a race fails on the key).
const INSERT_SEALS_SQL = `INSERT INTO log_seals
    (seq, transaction_id, position, stream_name, version, event_id, event_hash, seal)
  SELECT s.seq, s.transaction_id, s.position, s.stream_name, s.version, s.event_id, decode(s.event_hash, 'hex'),
         decode(s.seal, 'hex')
  FROM jsonb_to_recordset($1::jsonb) AS s(seq bigint, transaction_id bigint, position bigint, stream_name text,
    version bigint, event_id uuid, event_hash text, seal text)
  WHERE (SELECT coalesce(max(seq), 0) FROM log_seals) = $2::bigint`;

export interface LogSealerOptions {
  batchSize?: number;
  pollIntervalMs?: number;
}

/**
 * Chains the committed log, in log order, into log_seals (ADR 0005). It reads through the event store, so it only
 * sees events below the horizon: a seal, once written, never has an earlier event committed before it. Its
 * checkpoint is its last seal. Running it in two processes at once is safe: one of two racing batches fails.
 */
export class LogSealer {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly db: Queryable,
    private readonly store: EventStore,
    options: LogSealerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /** Seals the next batch of committed events; resolves with how many. */
  async sealNext(): Promise<number> {
    const { rows } = await this.db.query<{
      seq: string;
      transaction_id: string;
      position: string;
      seal: Buffer;
    }>(LAST_SEAL_SQL);
    const last = rows[0];
    const after = last ? formatPosition(last.transaction_id, last.position) : undefined;
    const events = await this.store.readAll({ after, limit: this.batchSize });
    if (events.length === 0) return 0;
    let seq = last ? Number(last.seq) : 0;
    let previous = last?.seal.toString('hex');
    const seals = events.map((event) => {
      const [transactionId, position] = parsePosition(event.position).map(String) as [string, string];
      seq++;
      previous = sealHash(previous, {
        seq,
        transactionId,
        position,
        streamName: event.streamName,
        version: event.version,
        eventId: event.id,
        eventHash: event.hash ?? '',
        recordedAt: event.recordedAt,
      });
      return {
        seq,
        transaction_id: transactionId,
        position,
        stream_name: event.streamName,
        version: event.version,
        event_id: event.id,
        event_hash: event.hash ?? '',
        seal: previous,
      };
    });
    const result = await this.db.query(INSERT_SEALS_SQL, [JSON.stringify(seals), last ? last.seq : 0]);
    // Another sealer sealed these meanwhile: go on from its seal.
    if (!result.rowCount) return this.sealNext();
    return result.rowCount;
  }

  /** Seals everything committed so far. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (let sealed = await this.sealNext(); sealed > 0; sealed = await this.sealNext()) total += sealed;
    return total;
  }

  /** Keeps sealing until aborted; failures (a racing sealer, a lost connection) are retried after a pause. */
  async run(signal: AbortSignal, onError: (error: unknown) => void = () => undefined): Promise<void> {
    while (!signal.aborted) {
      let sealed = 0;
      try {
        sealed = await this.sealNext();
      } catch (error) {
        if (!signal.aborted) onError(error);
      }
      if (sealed < this.batchSize) await abortableSleep(this.pollIntervalMs, signal);
    }
  }
}
