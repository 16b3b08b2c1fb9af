import type { Pool } from 'pg';
import { abortableSleep } from '../abortable-sleep.js';
import { WrongExpectedVersionError } from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port.js';
import {
  assertStreamName,
  assertValidAppend,
  assertValidReadAll,
  expectedAsNumber,
} from '../event-store.validation.js';
import { formatPosition, parsePosition } from '../position.js';

export interface PostgresEventStoreOptions {
  /** How often a caught-up subscription looks for new events. */
  pollIntervalMs?: number;
  /** Bounded retries when a concurrent append with expectedVersion 'any' wins the race. */
  maxAnyVersionRetries?: number;
}

const UNIQUE_VIOLATION = '23505';
const DEFAULT_LIMIT = 1000;

// One statement, so one round trip and one implicit transaction: the version check and the insert see the same
// snapshot, and a concurrent writer of the same version fails on the unique key instead of interleaving.
const APPEND_SQL = `
WITH input AS (
  SELECT (e->>'id')::uuid AS event_id, e->>'type' AS type, (e->>'schemaVersion')::int AS schema_version,
         e->'data' AS data, e->'metadata' AS metadata, n
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n)
),
current_version AS (SELECT coalesce(max(version), -1) AS version FROM events WHERE stream_name = $1),
stored AS (
  SELECT count(*) AS count, max(version) AS version, max(position) AS position, max(transaction_id) AS transaction_id
  FROM events WHERE stream_name = $1 AND event_id IN (SELECT event_id FROM input)
),
inserted AS (
  INSERT INTO events (stream_name, version, event_id, type, schema_version, data, metadata)
  SELECT $1, current_version.version + input.n, input.event_id, input.type, input.schema_version, input.data, input.metadata
  FROM input, current_version, stored
  WHERE stored.count = 0
    AND ($3::bigint IS NULL OR current_version.version = $3::bigint)
    AND (NOT $4::boolean OR current_version.version >= 0)
  ORDER BY input.n
  RETURNING version, position, transaction_id
)
SELECT (SELECT version FROM current_version)::text AS current_version,
       stored.count::int AS stored_count, stored.version::text AS stored_version,
       stored.position::text AS stored_position, stored.transaction_id::text AS stored_transaction_id,
       last.version::text AS version, last.position::text AS position, last.transaction_id::text AS transaction_id
FROM stored LEFT JOIN (SELECT * FROM inserted ORDER BY version DESC LIMIT 1) last ON true`;

const COLUMNS = `position::text, transaction_id::text, stream_name, version::int, event_id::text, type, schema_version,
  data, metadata, recorded_at`;

interface EventRow {
  position: string;
  transaction_id: string;
  stream_name: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

interface AppendRow {
  current_version: string;
  stored_count: number;
  stored_version: string | null;
  stored_position: string | null;
  stored_transaction_id: string | null;
  version: string | null;
  position: string | null;
  transaction_id: string | null;
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream_name,
    version: row.version,
    position: formatPosition(row.transaction_id, row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** Event store on PostgreSQL (or embedded PGlite through the same pool of one connection). */
export class PostgresEventStore implements EventStore {
  private readonly pollIntervalMs: number;
  private readonly maxAnyVersionRetries: number;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.maxAnyVersionRetries = options.maxAnyVersionRetries ?? 10;
  }

  async append(
    streamName: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(streamName, events, options);
    const payload = JSON.stringify(
      events.map((e) => ({
        id: e.id,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
      })),
    );
    const expected = expectedAsNumber(options.expectedVersion);
    const mustExist = options.expectedVersion === 'stream_exists';
    for (let attempt = 0; ; attempt++) {
      let row: AppendRow;
      try {
        ({
          rows: [row],
        } = await this.pool.query<AppendRow>(APPEND_SQL, [streamName, payload, expected ?? null, mustExist]));
      } catch (error) {
        const retryable = (error as { code?: string }).code === UNIQUE_VIOLATION;
        if (retryable && expected === undefined && attempt < this.maxAnyVersionRetries) continue;
        if (retryable) {
          // Lost the race for the same version (or the same event id) to a writer that just committed: re-run to
          // tell an idempotent retry from a real conflict.
          if (attempt < 1) continue;
          throw new WrongExpectedVersionError(streamName, String(options.expectedVersion), -1);
        }
        throw error;
      }
      if (row.stored_count === events.length) {
        return {
          streamVersion: Number(row.stored_version),
          position: formatPosition(row.stored_transaction_id!, row.stored_position!),
        };
      }
      if (row.version === null) {
        throw new WrongExpectedVersionError(
          streamName,
          String(options.expectedVersion),
          Number(row.current_version),
        );
      }
      return {
        streamVersion: Number(row.version),
        position: formatPosition(row.transaction_id!, row.position!),
      };
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = $1 AND version >= $2 AND version <= $3 ORDER BY version`,
      [streamName, options.fromVersion ?? 0, options.toVersion ?? Number.MAX_SAFE_INTEGER],
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidReadAll(options);
    const [transactionId, position] = options.after === undefined ? [0n, 0n] : parsePosition(options.after);
    const params: unknown[] = [transactionId.toString(), position.toString(), options.limit ?? DEFAULT_LIMIT];
    let filter = '';
    if (options.types?.length) {
      params.push(options.types);
      filter += ` AND type = ANY($${params.length}::text[])`;
    }
    if (options.streamPrefix) {
      params.push(options.streamPrefix.replace(/[\\%_]/g, '\\$&') + '%');
      filter += ` AND stream_name LIKE $${params.length}`;
    }
    // Only transactions below the snapshot's xmin are finished, so an event committed late by a slower writer
    // (lower transaction id) is never passed over by a reader that already saw a faster writer's events.
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events
       WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())${filter}
       ORDER BY transaction_id, position
       LIMIT $3`,
      params,
    );
    return rows.map(toRecorded);
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    const batchSize = options.batchSize ?? 500;
    let after = options.after;
    while (!options.signal?.aborted) {
      const batch = await this.readAll({
        after,
        limit: batchSize,
        types: options.types,
        streamPrefix: options.streamPrefix,
      });
      if (batch.length > 0) {
        after = batch[batch.length - 1]!.position;
        yield batch;
      }
      if (batch.length < batchSize) await abortableSleep(this.pollIntervalMs, options.signal);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    const { rows } = await this.pool.query<{ position: string; transaction_id: string }>(
      `SELECT position::text, transaction_id::text FROM events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    return rows[0] ? formatPosition(rows[0].transaction_id, rows[0].position) : undefined;
  }

  async close(): Promise<void> {
    // The pool belongs to whoever created it.
  }
}
