import { createHash } from 'node:crypto';
import { canonicalEventSql } from '../integrity/event-chain.js';

/** The channel appends NOTIFY on; the payload is empty because a listener re-reads from its own position anyway. */
export const EVENTS_CHANNEL = 'claimtrail_events';

// One statement, so one round trip and one implicit transaction: the version check and the insert see the same
// snapshot, and a concurrent writer of the same version fails on the unique key instead of interleaving.
// pg_notify inside the statement (for appends in a caller's transaction) is delivered only when that transaction
// commits.
// The guard keeps the horizon's promise (see HORIZON_CTE): an append may join a caller's transaction only before
// that transaction has a transaction id, or after an earlier append in it, which already holds the events lock.
// Each event's hash chains to the one before it in its stream (see integrity/event-chain.ts and ADR 0005): a
// recursive CTE walks the batch in order from the stream's head, so the hash is fixed in the statement that inserts.
// The canonical bytes are computed once per event, into an array the recursion indexes: a recursion that joined the
// batch at each step rescanned it at each step (0.64x the throughput for batches of 100).
const CANONICAL = (input: string, version: string, streamName: string) =>
  canonicalEventSql({
    streamName,
    version,
    eventId: `${input}.event_id`,
    type: `${input}.type`,
    schemaVersion: `${input}.schema_version`,
    data: `${input}.data`,
    metadata: `${input}.metadata`,
  });

export function appendSql(notify: boolean): string {
  const notification = notify
    ? `, (SELECT count(*) FROM (SELECT pg_notify('${EVENTS_CHANNEL}', '') FROM inserted LIMIT 1) n)::int AS notified`
    : '';
  return `
WITH RECURSIVE guard AS MATERIALIZED (
  SELECT (pg_current_xact_id_if_assigned() IS NULL OR current_setting('claimtrail.appending', true) = 'on') AS ok,
         set_config('claimtrail.appending', 'on', true) AS marked
),
input AS (
  SELECT (e->>'id')::uuid AS event_id, e->>'type' AS type, (e->>'schemaVersion')::int AS schema_version,
         e->'data' AS data, e->'metadata' AS metadata, n
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n)
),
head AS (SELECT version, hash FROM events WHERE stream_name = $1 ORDER BY version DESC LIMIT 1),
current_version AS (SELECT coalesce((SELECT version FROM head), -1) AS version, (SELECT hash FROM head) AS hash),
stored AS (
  SELECT count(*) AS count, max(version) AS version, max(position) AS position, max(transaction_id) AS transaction_id
  FROM events WHERE stream_name = $1 AND event_id IN (SELECT event_id FROM input)
),
canonical AS MATERIALIZED (
  SELECT array_agg(${CANONICAL('input', 'current_version.version + input.n', '$1')} ORDER BY input.n) AS bytes
  FROM input, current_version
),
chain AS (
  SELECT 0::bigint AS n, hash FROM current_version
  UNION ALL
  SELECT chain.n + 1, sha256(coalesce(chain.hash, ''::bytea) || canonical.bytes[chain.n + 1])
  FROM chain, canonical WHERE chain.n < cardinality(canonical.bytes)
),
inserted AS (
  INSERT INTO events (stream_name, version, event_id, type, schema_version, data, metadata, hash)
  SELECT $1, current_version.version + input.n, input.event_id, input.type, input.schema_version, input.data,
         input.metadata, chain.hash
  FROM guard, input JOIN chain ON chain.n = input.n, current_version, stored
  WHERE guard.ok AND stored.count = 0
    AND ($3::bigint IS NULL OR current_version.version = $3::bigint)
    AND (NOT $4::boolean OR current_version.version >= 0)
  ORDER BY input.n
  RETURNING version, position, transaction_id
)
SELECT (SELECT ok FROM guard) AS guard_ok, (SELECT version FROM current_version) AS current_version,
       stored.count::int AS stored_count, stored.version AS stored_version,
       stored.position AS stored_position, stored.transaction_id AS stored_transaction_id,
       last.version, last.position, last.transaction_id
       ${notification}
FROM stored LEFT JOIN (SELECT * FROM inserted ORDER BY version DESC LIMIT 1) last ON true`;
}

/**
 * The append above for several streams at once (group commit): $1 is a JSON array of {stream, expected, mustExist,
 * events}, one per stream. Each stream's checks are its own, and so is its answer row (by ordinal); only the
 * statement's commit is shared. A stream appears once, so no append has to see another's insert.
 * Event ids held by another stream are left to the unique key (the group then runs again alone, see GroupCommit):
 * checking them here made the planner scan the whole table when its statistics were those of a small one.
 */
export const APPEND_GROUP_SQL = `
WITH RECURSIVE guard AS MATERIALIZED (
  SELECT (pg_current_xact_id_if_assigned() IS NULL OR current_setting('claimtrail.appending', true) = 'on') AS ok,
         set_config('claimtrail.appending', 'on', true) AS marked
),
request AS (
  SELECT r.ord, r.a->>'stream' AS stream_name, (r.a->>'expected')::bigint AS expected,
         (r.a->>'mustExist')::boolean AS must_exist, r.a->'events' AS events
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(a, ord)
),
checked AS MATERIALIZED (
  SELECT request.*, coalesce(head.version, -1) AS current_version, head.hash AS head_hash,
         stored.count AS stored_count, stored.version AS stored_version, stored.position AS stored_position,
         stored.transaction_id AS stored_transaction_id
  FROM request
  LEFT JOIN LATERAL (
    SELECT version, hash FROM events WHERE stream_name = request.stream_name ORDER BY version DESC LIMIT 1
  ) head ON true
  CROSS JOIN LATERAL (
    SELECT count(*) AS count, max(version) AS version, max(position) AS position, max(transaction_id) AS transaction_id
    FROM events WHERE stream_name = request.stream_name
      AND event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(request.events) AS x)
  ) stored
),
input AS MATERIALIZED (
  SELECT c.ord, e.n, c.stream_name, c.current_version + e.n AS version, (e.v->>'id')::uuid AS event_id,
         e.v->>'type' AS type, (e.v->>'schemaVersion')::int AS schema_version, e.v->'data' AS data,
         e.v->'metadata' AS metadata
  FROM checked c CROSS JOIN LATERAL jsonb_array_elements(c.events) WITH ORDINALITY AS e(v, n)
),
canonical AS MATERIALIZED (
  SELECT c.ord, c.head_hash,
         array_agg(${CANONICAL('input', 'input.version', 'input.stream_name')} ORDER BY input.n) AS bytes
  FROM checked c JOIN input ON input.ord = c.ord GROUP BY c.ord, c.head_hash
),
chain AS (
  SELECT ord, 0::bigint AS n, head_hash AS hash FROM canonical
  UNION ALL
  SELECT chain.ord, chain.n + 1, sha256(coalesce(chain.hash, ''::bytea) || canonical.bytes[chain.n + 1])
  FROM chain JOIN canonical ON canonical.ord = chain.ord WHERE chain.n < cardinality(canonical.bytes)
),
inserted AS (
  INSERT INTO events (stream_name, version, event_id, type, schema_version, data, metadata, hash)
  SELECT i.stream_name, i.version, i.event_id, i.type, i.schema_version, i.data, i.metadata, chain.hash
  FROM guard, input i JOIN checked c ON c.ord = i.ord JOIN chain ON chain.ord = i.ord AND chain.n = i.n
  WHERE guard.ok AND c.stored_count = 0
    AND (c.expected IS NULL OR c.current_version = c.expected)
    AND (NOT c.must_exist OR c.current_version >= 0)
  ORDER BY i.ord, i.n
  RETURNING stream_name, version, position, transaction_id
)
SELECT c.ord, (SELECT ok FROM guard) AS guard_ok, c.current_version, c.stored_count::int AS stored_count,
       c.stored_version, c.stored_position, c.stored_transaction_id,
       last.version, last.position, last.transaction_id
FROM checked c
LEFT JOIN LATERAL (
  SELECT version, position, transaction_id FROM inserted WHERE inserted.stream_name = c.stream_name
  ORDER BY version DESC LIMIT 1
) last ON true
ORDER BY c.ord`;

// Plain columns, no casts: node-postgres hands bigint over as a string already, and a cast output named like its
// column (transaction_id::text) would make an unqualified ORDER BY transaction_id sort the text (999 after 1000).
export const EVENT_COLUMNS = `position, transaction_id, stream_name, version, event_id, type, schema_version, data,
  metadata, recorded_at, hash`;

export const READ_STREAM_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_name = $1 AND version >= $2 AND version <= $3 ORDER BY version`;

/** Whole streams, one round trip; the caller splits the rows by stream. */
export const READ_STREAMS_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_name = ANY($1::text[]) ORDER BY stream_name, version`;

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

/**
 * The horizon: readers return only events below the oldest transaction that may still commit events, so an event
 * committed late by a slower appender (lower transaction id) is never passed over by a reader that already saw a
 * faster appender's events. Only appenders count: a transaction is left out when, after this statement's snapshot was
 * taken, it still runs and holds no write lock on events. Appends take that lock before their transaction gets an id
 * (the append statement refuses to join a transaction that already has one), so such a transaction can never append;
 * any other transaction of the snapshot (one that ended meanwhile, or an appender) holds the horizon. Without this,
 * any writing transaction on the server, in another database or an unrelated table, froze every reader for as long
 * as it stayed open. pg_locks is read once (a materialised CTE), after the snapshot was taken.
 * A committing transaction leaves the running set first and releases its locks after, fast-path ones (the events
 * lock) before its transaction id lock; pg_locks read in between shows an appender that looks like a bystander. So a
 * bystander counts only if it is still running after pg_locks was read (the CASE orders the two): then it was running
 * throughout, with an id and no events lock, and can never append.
 */
export const HORIZON_CTE = `snapshot AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
locks AS MATERIALIZED (
  SELECT locktype, virtualtransaction, transactionid FROM pg_locks
  WHERE granted AND ((locktype = 'transactionid' AND mode = 'ExclusiveLock')
    OR (locktype = 'relation' AND relation = 'events'::regclass AND mode = 'RowExclusiveLock'))
),
bystanders AS (
  SELECT x.transactionid FROM locks x
  WHERE x.locktype = 'transactionid'
    AND NOT EXISTS (SELECT 1 FROM locks r WHERE r.locktype = 'relation' AND r.virtualtransaction = x.virtualtransaction)
),
horizon AS MATERIALIZED (
  SELECT coalesce(
    (SELECT min(x) FROM snapshot, pg_snapshot_xip(snapshot.s) x
     WHERE CASE WHEN EXISTS (SELECT 1 FROM bystanders b WHERE b.transactionid = x::xid)
                THEN pg_xact_status(x) <> 'in progress' ELSE true END),
    (SELECT pg_snapshot_xmax(s) FROM snapshot)
  )::text::bigint AS xid
)`;

/**
 * The horizon as a scalar subquery, so that PostgreSQL plans it as a parameter and bounds the index scans with it;
 * joined as a CTE it was only a filter. Whether anything waits above it is the newest visible transaction id against
 * it (one index probe): an EXISTS there was planned as a scan of the whole log at every live read (47 ms at 270,000
 * events, growing with the log).
 */
const HORIZON = '(SELECT xid FROM horizon)';

export function readAllSql(filter: string): string {
  return `WITH ${HORIZON_CTE}
    SELECT ${EVENT_COLUMNS} FROM events e
    WHERE (e.transaction_id, e.position) > ($1::bigint, $2::bigint) AND e.transaction_id < ${HORIZON}${filter}
    ORDER BY e.transaction_id, e.position
    LIMIT $3`;
}

export const HEAD_SQL = `WITH ${HORIZON_CTE}
  SELECT e.position, e.transaction_id FROM events e
  WHERE e.transaction_id < ${HORIZON} ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1`;

/**
 * A subscription's page: the matching events plus, from the same snapshot, the newest readable position (how far a
 * filtered read has scanned) and whether committed events wait above the horizon (so polling soon pays off).
 */
export function readPageSql(filter: string): string {
  return `WITH ${HORIZON_CTE},
page AS (
  SELECT e.*, e.transaction_id AS order_xid, e.position AS order_position FROM events e
  WHERE (e.transaction_id, e.position) > ($1::bigint, $2::bigint) AND e.transaction_id < ${HORIZON}${filter}
  ORDER BY e.transaction_id, e.position
  LIMIT $3
),
head AS (
  SELECT e.transaction_id AS head_xid, e.position AS head_position FROM events e
  WHERE e.transaction_id < ${HORIZON} ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1
),
blocked AS (SELECT coalesce((SELECT max(e.transaction_id) FROM events e) >= ${HORIZON}, false) AS blocked)
SELECT blocked.blocked, head.head_xid, head.head_position, page.*
FROM blocked LEFT JOIN head ON true LEFT JOIN page ON true
ORDER BY page.order_xid, page.order_position`;
}
