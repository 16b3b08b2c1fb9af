/**
 * The log seal: the sealer chains committed events in log order, one row each (seq from 1), after they commit, so
 * appends never wait for each other. The seal is the chain; (stream_name, version) finds a claim's seals.
 */
export const LOG_SEALS_TABLE = `CREATE TABLE IF NOT EXISTS log_seals (
    seq bigint PRIMARY KEY,
    transaction_id bigint NOT NULL,
    position bigint NOT NULL,
    stream_name text COLLATE "C" NOT NULL,
    version bigint NOT NULL,
    event_id uuid NOT NULL,
    event_hash bytea NOT NULL,
    seal bytea NOT NULL
  )`;
export const LOG_SEALS_INDEX = `CREATE INDEX IF NOT EXISTS log_seals_stream_idx ON log_seals (stream_name, version)`;

/**
 * The events table. Readers order by (transaction_id, position) and stop below the oldest open append.
 * transaction_id is the writer's top-level transaction id as a bigint, not xid8: PGlite 0.5.14 sorts xid8 as text in
 * ORDER BY (999 after 1000) while comparing it numerically, so a page could skip or repeat rows depending on the
 * plan. A bigint orders numerically on every server by construction.
 * Read paths: a stream by (stream_name, version); the log by (transaction_id, position); a type filter by
 * (type, transaction_id, position); a stream prefix by the same unique key, since C collation lets LIKE 'p%' use it.
 * Event ids are unique across the log, so that consumers can deduplicate by id.
 * hash chains each event to the one before it in its stream; log_seals chains the log in log order (ADR 0005).
 */
export const POSTGRES_EVENT_STORE_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS events (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    stream_name text COLLATE "C" NOT NULL,
    version bigint NOT NULL,
    event_id uuid NOT NULL,
    type text NOT NULL,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    hash bytea NOT NULL,
    CONSTRAINT events_stream_version_key UNIQUE (stream_name, version),
    CONSTRAINT events_event_id_key UNIQUE (event_id)
  )`,
  `CREATE INDEX IF NOT EXISTS events_log_order_idx ON events (transaction_id, position)`,
  `CREATE INDEX IF NOT EXISTS events_type_log_order_idx ON events (type, transaction_id, position)`,
  LOG_SEALS_TABLE,
  LOG_SEALS_INDEX,
];

export const POSTGRES_EVENT_STORE_DROP: readonly string[] = [
  'DROP TABLE IF EXISTS log_seals',
  'DROP TABLE IF EXISTS events',
];
