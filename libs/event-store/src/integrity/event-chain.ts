import { createHash } from 'node:crypto';

/**
 * What an event's hash covers, one field per line as `<UTF-8 byte length>:<text>\n` (so no field can run into the
 * next): the tag, stream name, version, event id (lower-case), type, schema version, data and metadata as
 * PostgreSQL's jsonb text (metadata holds occurredAt, actor and the command ids). See docs/adr/0005.
 */
export const EVENT_CHAIN_TAG = 'claimtrail/event/v1';
/** What a log seal covers, in the same field format. */
export const LOG_SEAL_TAG = 'claimtrail/seal/v1';

export interface ChainFields {
  streamName: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  /** The data as PostgreSQL prints it from jsonb (jsonbText gives the same for a JSON value). */
  dataText: string;
  metadataText: string;
}

export interface SealFields {
  seq: number;
  /** The event's place in the log: transaction id and position, as stored. */
  transactionId: string;
  position: string;
  streamName: string;
  version: number;
  eventId: string;
  /** The event's own chained hash, hex. */
  eventHash: string;
  /** ISO 8601 with milliseconds. */
  recordedAt: string;
}

function canonical(fields: readonly string[]): Buffer {
  return Buffer.from(fields.map((f) => `${Buffer.byteLength(f, 'utf8')}:${f}\n`).join(''), 'utf8');
}

export function canonicalEventBytes(e: ChainFields): Buffer {
  return canonical([
    EVENT_CHAIN_TAG,
    e.streamName,
    String(e.version),
    e.eventId.toLowerCase(),
    e.type,
    String(e.schemaVersion),
    e.dataText,
    e.metadataText,
  ]);
}

/** sha256(previous event's hash ‖ canonical bytes); the first event of a stream has no previous hash. */
export function eventHash(previous: string | undefined, e: ChainFields): string {
  const hash = createHash('sha256');
  if (previous) hash.update(Buffer.from(previous, 'hex'));
  return hash.update(canonicalEventBytes(e)).digest('hex');
}

export function sealHash(previous: string | undefined, s: SealFields): string {
  const hash = createHash('sha256');
  if (previous) hash.update(Buffer.from(previous, 'hex'));
  return hash
    .update(
      canonical([
        LOG_SEAL_TAG,
        String(s.seq),
        s.transactionId,
        s.position,
        s.streamName,
        String(s.version),
        s.eventId.toLowerCase(),
        s.eventHash,
        s.recordedAt,
      ]),
    )
    .digest('hex');
}

/**
 * The same bytes as canonicalEventBytes, computed by PostgreSQL from column expressions (one per field, in order),
 * so that the append statements and the migration hash exactly what a verifier recomputes.
 */
export function canonicalEventSql(columns: {
  streamName: string;
  version: string;
  eventId: string;
  type: string;
  schemaVersion: string;
  data: string;
  metadata: string;
}): string {
  const field = (expression: string) => `octet_length(${expression}) || ':' || ${expression} || E'\\n'`;
  const tag = `'${Buffer.byteLength(EVENT_CHAIN_TAG)}:${EVENT_CHAIN_TAG}' || E'\\n'`;
  const parts = [
    `(${columns.streamName})::text`,
    `(${columns.version})::text`,
    `(${columns.eventId})::text`,
    `(${columns.type})::text`,
    `(${columns.schemaVersion})::text`,
    `(${columns.data})::text`,
    `(${columns.metadata})::text`,
  ];
  return `convert_to(${tag} || ${parts.map(field).join(' || ')}, 'UTF8')`;
}

/** sha256(previous ‖ canonical) in SQL; previous is a bytea expression, NULL for the first event of a stream. */
export function eventHashSql(previous: string, columns: Parameters<typeof canonicalEventSql>[0]): string {
  return `sha256(coalesce(${previous}, ''::bytea) || ${canonicalEventSql(columns)})`;
}

/**
 * A JSON value as PostgreSQL prints it from jsonb: keys ordered by byte length, then bytes; ", " and ": " between
 * items; numbers in plain decimal notation. The adapters that have no PostgreSQL (in-memory, EventStoreDB) hash this.
 */
export function jsonbText(value: unknown): string {
  return print(JSON.parse(JSON.stringify(value ?? null)) as unknown);
}

function print(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(print).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareKeys(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${print(v)}`).join(', ')}}`;
}

function compareKeys(a: string, b: string): number {
  const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return x.length !== y.length ? x.length - y.length : Buffer.compare(x, y);
}

/** JavaScript writes 1e21 and 1e-7 in exponent form; PostgreSQL's numeric never does. */
function plainNumber(n: number): string {
  const text = String(n === 0 ? 0 : n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead! + fraction;
  const point = 1 + Number(exponentText);
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
