import { createHash } from 'node:crypto';

/** The channel appends NOTIFY on; the payload is empty because a listener re-reads from its own position anyway. */
export const EVENTS_CHANNEL = 'claimtrail_events';

// One statement, so one round trip and one implicit transaction: the version check and the insert see the same
// snapshot, and a concurrent writer of the same version fails on the unique key instead of interleaving.
// pg_notify inside the statement (for appends in a caller's transaction) is delivered only when that transaction
// commits.
export function appendSql(notify: boolean): string {
  const notification = notify
    ? `, (SELECT count(*) FROM (SELECT pg_notify('${EVENTS_CHANNEL}', '') FROM inserted LIMIT 1) n)::int AS notified`
    : '';
  return `
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
       ${notification}
FROM stored LEFT JOIN (SELECT * FROM inserted ORDER BY version DESC LIMIT 1) last ON true`;
}

export const EVENT_COLUMNS = `position::text, transaction_id::text, stream_name, version::int, event_id::text, type,
  schema_version, data, metadata, recorded_at`;

export const READ_STREAM_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_name = $1 AND version >= $2 AND version <= $3 ORDER BY version`;

const names = new Map<string, string>();

/**
 * A named statement, so each connection parses and plans it once and then reuses the plan: the statements are
 * few (one per filter shape) and planning the append's CTEs costs more than running them.
 */
export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (!name) {
    name = `claimtrail_es_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return { name, text, values };
}

export interface ReadFilter {
  types?: readonly string[];
  streamPrefix?: string;
}

/** Appends the filter's conditions; parameters are numbered after the ones already in params. */
export function filterSql(filter: ReadFilter, params: unknown[], alias = ''): string {
  let sql = '';
  if (filter.types?.length) {
    params.push(filter.types);
    sql += ` AND ${alias}type = ANY($${params.length}::text[])`;
  }
  if (filter.streamPrefix) {
    params.push(filter.streamPrefix.replace(/[\\%_]/g, '\\$&') + '%');
    sql += ` AND ${alias}stream_name LIKE $${params.length}`;
  }
  return sql;
}

// Only transactions below the snapshot's xmin are finished, so an event committed late by a slower writer (lower
// transaction id) is never passed over by a reader that already saw a faster writer's events. The horizon is a
// materialised CTE so that it is computed once per statement, not once per row.
export function readAllSql(filter: string): string {
  return `WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
    SELECT ${EVENT_COLUMNS} FROM events e, horizon
    WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint) AND e.transaction_id < horizon.xmin${filter}
    ORDER BY e.transaction_id, e.position
    LIMIT $3`;
}

/**
 * A subscription's page: the matching events plus, from the same snapshot, the newest readable position (how far a
 * filtered read has scanned) and whether committed events wait above the horizon (so polling soon pays off).
 */
export function readPageSql(filter: string): string {
  return `WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
page AS (
  SELECT ${EVENT_COLUMNS}, e.transaction_id AS order_xid, e.position AS order_position FROM events e, horizon
  WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint) AND e.transaction_id < horizon.xmin${filter}
  ORDER BY e.transaction_id, e.position
  LIMIT $3
),
head AS (
  SELECT e.transaction_id::text AS head_xid, e.position::text AS head_position FROM events e, horizon
  WHERE e.transaction_id < horizon.xmin ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1
),
blocked AS (SELECT EXISTS (SELECT 1 FROM events e, horizon WHERE e.transaction_id >= horizon.xmin) AS blocked)
SELECT blocked.blocked, head.head_xid, head.head_position, page.*
FROM blocked LEFT JOIN head ON true LEFT JOIN page ON true
ORDER BY page.order_xid, page.order_position`;
}
