import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, loggableError, type Clock } from '@claimtrail/platform';
import { DataSource } from 'typeorm';
import type { AccessContext, PhiRead } from './phi-reads.js';

export interface PhiAccessRecord {
  id: string;
  accessedAt: Date;
  actor: string;
  claimId: string | null;
  operation: string;
  operationName: string | null;
  channel: string;
  fields: string[];
  requestId: string | null;
}

export interface PhiAccessFilter {
  claimId?: string;
  actor?: string;
  from: Date;
  to: Date;
  /** Exclusive: the id of the last record already read. */
  afterId?: string;
  first: number;
}

/** A subscription's reads wait at most this long, or for this many, before they are written together. */
const STREAM_FLUSH_MS = 100;
const STREAM_FLUSH_ROWS = 500;

/** The append-only record of who read which claim's patient data, when, and through which operation. */
@Injectable()
export class PhiAccessLog {
  private readonly logger = new Logger(PhiAccessLog.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Writes the reads in one INSERT, stamped with the clock's time. Never updates. The per-read columns travel as
   * three arrays (unnest), so a 200-claim page is one statement with eight parameters rather than 1,600.
   */
  async record(context: AccessContext, reads: readonly PhiRead[]): Promise<void> {
    if (reads.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO phi_access_log
         (accessed_at, actor, operation_name, channel, request_id, claim_id, operation, fields)
       SELECT $1, $2, $3, $4, $5, r.claim_id, r.operation, string_to_array(r.fields, ',')
         FROM unnest($6::text[], $7::text[], $8::text[]) AS r(claim_id, operation, fields)`,
      [
        this.clock.now(),
        context.actor,
        context.operationName ?? null,
        context.channel,
        context.requestId ?? null,
        reads.map((read) => read.claimId),
        reads.map((read) => read.operation),
        // Field names are schema names and event keys: never a comma.
        reads.map((read) => read.fields.join(',')),
      ],
    );
  }

  /** Records in the order they were written; one more than asked tells whether another page follows. */
  async page(filter: PhiAccessFilter): Promise<{ records: PhiAccessRecord[]; hasNextPage: boolean }> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id::text AS id, accessed_at, actor, claim_id, operation, operation_name, channel, fields, request_id
         FROM phi_access_log
        WHERE accessed_at >= $1 AND accessed_at <= $2
          AND ($3::text IS NULL OR claim_id = $3)
          AND ($4::text IS NULL OR actor = $4)
          AND ($5::bigint IS NULL OR id > $5::bigint)
        ORDER BY phi_access_log.id -- the bigint, not the text of the same name in the select list
        LIMIT $6`,
      [
        filter.from,
        filter.to,
        filter.claimId ?? null,
        filter.actor ?? null,
        filter.afterId ?? null,
        filter.first + 1,
      ],
    );
    const records = rows.slice(0, filter.first).map((row) => ({
      id: row.id as string,
      accessedAt: new Date(row.accessed_at as string | Date),
      actor: row.actor as string,
      claimId: (row.claim_id as string | null) ?? null,
      operation: row.operation as string,
      operationName: (row.operation_name as string | null) ?? null,
      channel: row.channel as string,
      fields: row.fields as string[],
      requestId: (row.request_id as string | null) ?? null,
    }));
    return { records, hasNextPage: rows.length > filter.first };
  }

  /**
   * For a stream that delivers patient data one event at a time (a subscription): gathers its reads and writes them
   * together, at most STREAM_FLUSH_MS after the first, so a busy stream costs one INSERT per batch, not per event.
   */
  streamRecorder(context: AccessContext): PhiStreamRecorder {
    return new PhiStreamRecorder((reads) => this.record(context, reads), this.logger);
  }
}

export class PhiStreamRecorder {
  private pending: PhiRead[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (reads: PhiRead[]) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  note(read: PhiRead): void {
    this.pending.push(read);
    if (this.pending.length >= STREAM_FLUSH_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), STREAM_FLUSH_MS);
  }

  /** Writes what is pending; resolves once everything noted so far is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const reads = this.pending;
    this.pending = [];
    if (reads.length > 0) {
      this.writing = this.writing.then(() =>
        this.write(reads).catch((error: unknown) =>
          this.logger.error({ error: loggableError(error) }, 'Could not write the PHI access log'),
        ),
      );
    }
    return this.writing;
  }
}
