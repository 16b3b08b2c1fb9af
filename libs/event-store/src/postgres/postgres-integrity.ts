import type { EventStoreIntegrity, StreamIntegrityReport } from '../integrity/integrity.port.js';
import {
  verifyLog,
  verifyStreamSealed,
  type ChainedEvent,
  type IntegrityReport,
  type LogSeal,
} from '../integrity/verify.js';
import type { Queryable } from './queryable.js';

// The stored text of data and metadata, not values parsed by the driver: the hash covers exactly what jsonb prints.
const CHAINED_COLUMNS = `position::text AS position_id, transaction_id::text AS transaction_id, stream_name,
  version::int AS version, event_id::text AS event_id, type, schema_version, data::text AS data_text,
  metadata::text AS metadata_text, recorded_at, encode(hash, 'hex') AS hash`;

const SEAL_COLUMNS = `s.seq::text AS seq, s.transaction_id::text AS transaction_id, s.position::text AS position_id,
  s.stream_name, s.version::int AS version, s.event_id::text AS event_id, encode(s.event_hash, 'hex') AS event_hash,
  encode(s.seal, 'hex') AS seal`;

interface ChainedRow {
  position_id: string;
  transaction_id: string;
  stream_name: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data_text: string;
  metadata_text: string;
  recorded_at: Date;
  hash: string | null;
}

interface SealRow {
  seq: string;
  transaction_id: string;
  position_id: string;
  stream_name: string;
  version: number;
  event_id: string;
  event_hash: string;
  seal: string;
  previous_seal?: string | null;
}

const PAGE = 2000;

function chained(row: ChainedRow): ChainedEvent {
  return {
    streamName: row.stream_name,
    version: row.version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    dataText: row.data_text,
    metadataText: row.metadata_text,
    transactionId: row.transaction_id,
    positionId: row.position_id,
    recordedAt: row.recorded_at.toISOString(),
    ...(row.hash ? { hash: row.hash } : {}),
  };
}

function seal(row: SealRow): LogSeal & { previousSeal?: string } {
  return {
    seq: Number(row.seq),
    transactionId: row.transaction_id,
    positionId: row.position_id,
    streamName: row.stream_name,
    version: row.version,
    eventId: row.event_id,
    eventHash: row.event_hash,
    seal: row.seal,
    ...(row.previous_seal ? { previousSeal: row.previous_seal } : {}),
  };
}

/** Integrity of the PostgreSQL (and embedded) event store: the stream chains and the log seal, read raw. */
export class PostgresIntegrity implements EventStoreIntegrity {
  constructor(private readonly db: Queryable) {}

  async verifyStream(streamName: string): Promise<StreamIntegrityReport> {
    const [events, seals, last] = [
      await this.db.query<ChainedRow>(
        `SELECT ${CHAINED_COLUMNS} FROM events WHERE stream_name = $1 ORDER BY version`,
        [streamName],
      ),
      await this.db.query<SealRow>(
        `SELECT ${SEAL_COLUMNS}, encode(p.seal, 'hex') AS previous_seal
         FROM log_seals s LEFT JOIN log_seals p ON p.seq = s.seq - 1
         WHERE s.stream_name = $1 ORDER BY s.version`,
        [streamName],
      ),
      await this.db.query<{ transaction_id: string; position_id: string }>(
        `SELECT transaction_id::text AS transaction_id, position::text AS position_id FROM log_seals
         ORDER BY seq DESC LIMIT 1`,
      ),
    ];
    const lastSealed = last.rows[0]
      ? { transactionId: last.rows[0].transaction_id, positionId: last.rows[0].position_id }
      : undefined;
    return {
      ...verifyStreamSealed(events.rows.map(chained), seals.rows.map(seal), lastSealed),
      unknown: events.rows.length === 0 && seals.rows.length === 0,
    };
  }

  async verifyLog(onProgress?: (checked: number, total: number) => void): Promise<IntegrityReport> {
    const { rows } = await this.db.query<{ total: string }>('SELECT count(*)::text AS total FROM events');
    const total = Number(rows[0]!.total);
    const report = await verifyLog(this.events(), this.seals(), (checked) => onProgress?.(checked, total));
    // The walk in log order finds nothing at a sealed place; the event may still be stored, elsewhere in the log.
    const broken = report.firstBroken;
    if (broken?.reason === 'EVENT_MISSING') {
      const { rowCount } = await this.db.query(
        'SELECT 1 FROM events WHERE stream_name = $1 AND version = $2',
        [broken.streamName, broken.version],
      );
      if (rowCount) return { ...report, firstBroken: { ...broken, reason: 'EVENT_MOVED' } };
    }
    return report;
  }

  /**
   * Every event in log order, page by page (keyset on the bigint pair, which orders numerically everywhere). ORDER BY
   * names the table's columns: the select list's transaction_id is text, and would sort 100 before 99.
   */
  private async *events(): AsyncIterable<ChainedEvent[]> {
    let after = ['0', '0'];
    for (;;) {
      const { rows } = await this.db.query<ChainedRow>(
        `SELECT ${CHAINED_COLUMNS} FROM events e WHERE (e.transaction_id, e.position) > ($1::bigint, $2::bigint)
         ORDER BY e.transaction_id, e.position LIMIT ${PAGE}`,
        after,
      );
      if (rows.length === 0) return;
      yield rows.map(chained);
      const last = rows[rows.length - 1]!;
      after = [last.transaction_id, last.position_id];
    }
  }

  private async *seals(): AsyncIterable<LogSeal[]> {
    let after = '0';
    for (;;) {
      const { rows } = await this.db.query<SealRow>(
        `SELECT ${SEAL_COLUMNS} FROM log_seals s WHERE s.seq > $1::bigint ORDER BY s.seq LIMIT ${PAGE}`,
        [after],
      );
      if (rows.length === 0) return;
      yield rows.map(seal);
      after = rows[rows.length - 1]!.seq;
    }
  }
}
