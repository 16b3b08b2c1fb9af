/**
 * The events table. Readers order by (transaction_id, position) and stop below the oldest open transaction.
 * Read paths: a stream by (stream_name, version); the log by (transaction_id, position); a type filter by
 * (type, transaction_id, position); a stream prefix by the same unique key, since C collation lets LIKE 'p%' use it.
 */
export const POSTGRES_EVENT_STORE_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS events (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    stream_name text COLLATE "C" NOT NULL,
    version bigint NOT NULL,
    event_id uuid NOT NULL,
    type text NOT NULL,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_stream_version_key UNIQUE (stream_name, version),
    CONSTRAINT events_stream_event_id_key UNIQUE (stream_name, event_id)
  )`,
  `CREATE INDEX IF NOT EXISTS events_log_order_idx ON events (transaction_id, position)`,
  `CREATE INDEX IF NOT EXISTS events_type_log_order_idx ON events (type, transaction_id, position)`,
];

export const POSTGRES_EVENT_STORE_DROP: readonly string[] = ['DROP TABLE IF EXISTS events'];
