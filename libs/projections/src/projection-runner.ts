import {
  abortableSleep,
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@claimtrail/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { errorSummary, whenSettled } from '@claimtrail/platform';
import { isTransientError } from './projection-errors.js';
import { quoteIdentifier } from './shadow-tables.js';
import type { Projection } from './projection.js';
import {
  ignoreBatches,
  type BatchObserver,
  type BatchStep,
  type BatchStepEnd,
} from './batch-observer.port.js';
import { partitionOf, WHOLE_LOG, type PartitionSlice } from './stream-partition.js';

export interface ProjectionRunnerOptions {
  batchSize?: number;
  retryDelayMs?: number;
  /** A batch failed for a reason outside the events (see isTransientError) and will be tried again. */
  onError?: (projection: string, error: unknown) => void;
  /** A batch committed up to position, or the runner (re)loaded its checkpoint there. */
  onCommitted?: (projection: string, position: Position | undefined, partition: number) => void;
  /** One stream stopped being applied: its event at position failed. */
  onQuarantine?: (projection: string, quarantined: QuarantinedStream) => void;
  /** Sees each batch and its steps (traces); nothing by default. */
  observer?: BatchObserver;
  /**
   * Apply into this schema instead of the live tables: its own checkpoint and quarantine tables, and the read
   * model's tables found first on the search path (how a rebuild fills fresh tables beside the live ones).
   */
  schema?: string;
  /**
   * Apply only the streams of this partition (ADR 0012). Each partition has its own checkpoint and reads the whole
   * log from it, so a partition whose streams are quiet still moves on with the log.
   */
  partition?: PartitionSlice;
}

export interface QuarantinedStream {
  projection: string;
  streamName: string;
  /** The event that failed; the stream's events before it are applied, none after it until a retry. */
  position: Position;
  eventType: string;
  errorClass: string;
  quarantinedAt: Date;
  retries: number;
}

export interface RetryOutcome {
  streamName: string;
  released: boolean;
}

export class CheckpointMoved extends Error {
  constructor() {
    super('Another runner moved the checkpoint');
    this.name = 'CheckpointMoved';
  }
}

/** The checkpoints are split into another number of partitions than this runner was made for. */
export class PartitionCountMismatch extends Error {
  constructor(projection: string, stored: number | undefined, configured: number) {
    super(
      stored === undefined
        ? `No checkpoint of ${projection} for a split into ${configured} partitions`
        : `The checkpoints of ${projection} are split into ${stored} partitions, this runner into ${configured}`,
    );
    this.name = 'PartitionCountMismatch';
  }
}

/** A data error in a batch: the batch is applied again stream by stream, quarantining the failing ones. */
class IsolateStreams extends Error {}

const MAX_RETRY_ATTEMPTS = 10;

function byStream(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const group = groups.get(event.streamName);
    if (group) group.push(event);
    else groups.set(event.streamName, [event]);
  }
  return [...groups.values()];
}

/**
 * Applies one projection: reads the log from its checkpoint, applies each batch and saves the new checkpoint in the
 * same transaction, so that a crash can neither skip nor double-apply an event. An event the projection cannot
 * apply quarantines its stream for this projection (recorded, logged, skipped until retried); every other stream
 * keeps flowing. Errors that are not the events' fault stop the batch, which is tried again.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  private readonly checkpoints: string;
  private readonly quarantine: string;
  private readonly observer: BatchObserver;
  readonly partition: PartitionSlice;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.observer = options.observer ?? ignoreBatches;
    const prefix = options.schema === undefined ? '' : `${quoteIdentifier(options.schema)}.`;
    this.checkpoints = `${prefix}projection_checkpoints`;
    this.quarantine = `${prefix}projection_quarantine`;
    this.partition = options.partition ?? WHOLE_LOG;
  }

  get name(): string {
    return this.projection.name;
  }

  /** Whether the stream's events are this runner's to apply. */
  owns(streamName: string): boolean {
    return partitionOf(streamName, this.partition.count) === this.partition.index;
  }

  /** Follows the log until the signal aborts; after a failed batch it records the error, waits and resumes. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        let checkpoint = await this.loadCheckpoint();
        this.options.onCommitted?.(this.name, checkpoint, this.partition.index);
        for await (const batch of this.store.subscribe({
          after: checkpoint,
          batchSize: this.batchSize,
          signal,
        })) {
          checkpoint = await this.applyBatch(batch, checkpoint);
        }
      } catch (error) {
        if (!(error instanceof CheckpointMoved)) {
          this.options.onError?.(this.name, error);
          await this.recordError(error).catch(() => undefined);
          await abortableSleep(this.retryDelayMs, signal);
        }
      }
    }
  }

  /**
   * Applies everything committed so far (or up to until), then returns the number of events read; for the CLI,
   * rebuilds and tests. onBatch hears the running total after each committed batch.
   */
  async catchUp(
    onBatch?: (applied: number) => void | Promise<void>,
    signal?: AbortSignal,
    until?: Position,
  ): Promise<number> {
    let checkpoint = await this.loadCheckpoint();
    let applied = 0;
    for (;;) {
      signal?.throwIfAborted();
      const read = await this.store.readAll({ after: checkpoint, limit: this.batchSize });
      const batch = until === undefined ? read : read.filter((e) => comparePositions(e.position, until) <= 0);
      if (batch.length === 0) return applied;
      checkpoint = await this.applyBatch(batch, checkpoint);
      applied += batch.length;
      await onBatch?.(applied);
    }
  }

  async quarantined(): Promise<QuarantinedStream[]> {
    const rows: QuarantineRow[] = await this.dataSource.query(
      `SELECT ${QUARANTINE_COLUMNS} FROM ${this.quarantine} WHERE projection = $1 ORDER BY quarantined_at, stream_name`,
      [this.name],
    );
    return rows.map(toQuarantined);
  }

  /**
   * Applies each quarantined stream (or the one named) again from its start up to the checkpoint, after a fix:
   * released when it now applies, else quarantined again at the event that still fails.
   */
  async retryQuarantined(streamName?: string): Promise<RetryOutcome[]> {
    const outcomes: RetryOutcome[] = [];
    for (const entry of await this.quarantined()) {
      if (streamName !== undefined && entry.streamName !== streamName) continue;
      if (!this.owns(entry.streamName)) continue;
      outcomes.push({ streamName: entry.streamName, released: await this.retryStream(entry.streamName) });
    }
    return outcomes;
  }

  private async retryStream(streamName: string): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_RETRY_ATTEMPTS; attempt++) {
      // The stream is read before the transaction (the embedded database has one connection, which the transaction
      // holds) and used only if the checkpoint did not move meanwhile: then it holds every event up to it.
      const before = await this.loadCheckpoint();
      const history = await this.store.readStream(streamName);
      const released = await this.dataSource.transaction(async (manager) => {
        const { checkpoint } = await this.lockCheckpoint(manager);
        if (checkpoint !== before) return undefined;
        const events = history.filter((e) => comparePositions(e.position, checkpoint) <= 0);
        await this.projection.forgetStream(streamName, manager);
        const failed = await this.applyFindingFailure(events, manager);
        if (failed) {
          await manager.query(
            `UPDATE ${this.quarantine} SET position = $3, event_type = $4, error_class = $5,
               quarantined_at = now(), retries = retries + 1
             WHERE projection = $1 AND stream_name = $2`,
            [this.name, streamName, failed.event.position, failed.event.type, errorSummary(failed.error)],
          );
          return false;
        }
        await manager.query(`DELETE FROM ${this.quarantine} WHERE projection = $1 AND stream_name = $2`, [
          this.name,
          streamName,
        ]);
        return true;
      });
      if (released !== undefined) return released;
    }
    throw new CheckpointMoved();
  }

  /** Creates the checkpoint at the start of the log, unless the projection's checkpoints are split otherwise. */
  private async loadCheckpoint(): Promise<Position | undefined> {
    const { index, count } = this.partition;
    await this.dataSource.query(
      `INSERT INTO ${this.checkpoints} (name, partition, partitions) SELECT $1, $2, $3
       WHERE NOT EXISTS (SELECT 1 FROM ${this.checkpoints} WHERE name = $1 AND partitions <> $3)
       ON CONFLICT (name, partition) DO NOTHING`,
      [this.name, index, count],
    );
    const [row]: { position: string | null; partitions: number }[] = await this.dataSource.query(
      `SELECT position, partitions FROM ${this.checkpoints} WHERE name = $1 AND partition = $2`,
      [this.name, index],
    );
    if (row?.partitions !== count) throw new PartitionCountMismatch(this.name, row?.partitions, count);
    return row.position ?? undefined;
  }

  /**
   * The lock makes a second worker on the same projection wait, then see that the checkpoint moved on. A retry of a
   * quarantined stream starts here (a batch starts at advanceCheckpoint, which locks as it moves). The streams this
   * projection stopped applying come in the same round trip.
   */
  private async lockCheckpoint(
    manager: EntityManager,
  ): Promise<{ checkpoint: Position | undefined; quarantined: Set<string> }> {
    await this.useSchema(manager);
    const [row]: { position: string | null; partitions: number; quarantined: string[] }[] =
      await manager.query(
        `SELECT position, partitions,
         ARRAY(SELECT stream_name FROM ${this.quarantine} WHERE projection = $1) AS quarantined
       FROM ${this.checkpoints} WHERE name = $1 AND partition = $2 FOR UPDATE`,
        [this.name, this.partition.index],
      );
    // Gone: split anew into other partitions (see splitCheckpoints) since this runner loaded it.
    if (row === undefined) throw new CheckpointMoved();
    if (row.partitions !== this.partition.count)
      throw new PartitionCountMismatch(this.name, row.partitions, this.partition.count);
    return { checkpoint: row.position ?? undefined, quarantined: new Set(row.quarantined) };
  }

  /**
   * First in the batch's transaction: moves the checkpoint past the batch if it is still where this runner left it,
   * which locks it as lockCheckpoint does, in one statement instead of a lock and an update; the move commits with
   * the rows or not at all. Returns the streams the projection quarantined.
   */
  private async advanceCheckpoint(
    manager: EntityManager,
    expected: Position | undefined,
    last: Position,
    count: number,
  ): Promise<Set<string>> {
    await this.useSchema(manager);
    // A SELECT around the UPDATE: TypeORM answers an UPDATE with its rows and their count, not its rows.
    const [row]: { quarantined: string[] }[] = await manager.query(
      `WITH moved AS (
         UPDATE ${this.checkpoints}
         SET position = $5, events_applied = events_applied + $6, updated_at = now(), last_error = NULL
         WHERE name = $1 AND partition = $2 AND partitions = $3 AND position IS NOT DISTINCT FROM $4::text
         RETURNING 1)
       SELECT ARRAY(SELECT stream_name FROM ${this.quarantine} WHERE projection = $1) AS quarantined FROM moved`,
      [this.name, this.partition.index, this.partition.count, expected ?? null, last, count],
    );
    if (row) return new Set(row.quarantined);
    // Not moved: the lock tells a checkpoint gone or split differently; otherwise another runner moved it.
    await this.lockCheckpoint(manager);
    throw new CheckpointMoved();
  }

  /** A rebuild's runner writes its shadow tables (see ProjectionRebuilder). */
  private async useSchema(manager: EntityManager): Promise<void> {
    if (this.options.schema !== undefined)
      await manager.query(`SET LOCAL search_path TO ${quoteIdentifier(this.options.schema)}, public`);
  }

  /** Applies this partition's events of the batch, and moves the checkpoint past the whole batch. */
  private applyBatch(batch: readonly RecordedEvent[], expected: Position | undefined): Promise<Position> {
    const last = batch[batch.length - 1]!.position;
    const owned = this.partition.count === 1 ? batch : batch.filter((e) => this.owns(e.streamName));
    if (owned.length === 0) return this.moveCheckpoint(expected, last);
    return this.observer.batch(this.name, owned, async () => {
      try {
        return await this.commitBatch(owned, last, expected, false);
      } catch (error) {
        if (!(error instanceof IsolateStreams)) throw error;
        return this.commitBatch(owned, last, expected, true);
      }
    });
  }

  private async commitBatch(
    owned: readonly RecordedEvent[],
    last: Position,
    expected: Position | undefined,
    isolate: boolean,
  ): Promise<Position> {
    let checkpointSaved: BatchStepEnd = () => {};
    await whenSettled(
      () =>
        this.dataSource.transaction(async (manager) => {
          const quarantined = await this.advanceCheckpoint(manager, expected, last, owned.length);
          const events = owned.filter((e) => !quarantined.has(e.streamName));
          if (events.length > 0) await this.step('apply', () => this.applyEvents(events, manager, isolate));
          // Saved with the rows or not at all: the step ends when the transaction does.
          checkpointSaved = this.observer.step('checkpoint');
        }),
      (failure) => checkpointSaved(failure),
    );
    this.options.onCommitted?.(this.name, last, this.partition.index);
    return last;
  }

  /**
   * A batch with none of this partition's streams: the checkpoint moves past it in one statement, which checks
   * the expected position as the batch transaction's lock does.
   */
  private async moveCheckpoint(expected: Position | undefined, last: Position): Promise<Position> {
    const [{ moved }]: { moved: number }[] = await this.dataSource.query(
      `WITH moved AS (
         UPDATE ${this.checkpoints} SET position = $5, updated_at = now(), last_error = NULL
         WHERE name = $1 AND partition = $2 AND partitions = $3 AND position IS NOT DISTINCT FROM $4::text
         RETURNING 1)
       SELECT count(*)::int AS moved FROM moved`,
      [this.name, this.partition.index, this.partition.count, expected ?? null, last],
    );
    if (moved === 0) throw new CheckpointMoved();
    this.options.onCommitted?.(this.name, last, this.partition.index);
    return last;
  }

  private async applyEvents(
    events: readonly RecordedEvent[],
    manager: EntityManager,
    isolate: boolean,
  ): Promise<void> {
    if (isolate) return this.applyIsolating(events, manager);
    try {
      await this.projection.apply(events, manager);
    } catch (error) {
      if (isTransientError(error)) throw error;
      throw new IsolateStreams();
    }
  }

  private step(step: BatchStep, run: () => Promise<void>): Promise<void> {
    const ended = this.observer.step(step);
    return whenSettled(run, ended);
  }

  private async applyIsolating(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const stream of byStream(events)) {
      const failed = await this.applyFindingFailure(stream, manager);
      if (!failed) continue;
      const entry: QuarantinedStream = {
        projection: this.name,
        streamName: failed.event.streamName,
        position: failed.event.position,
        eventType: failed.event.type,
        errorClass: errorSummary(failed.error),
        quarantinedAt: new Date(),
        retries: 0,
      };
      await manager.query(
        `INSERT INTO ${this.quarantine} (projection, stream_name, position, event_type, error_class)
         VALUES ($1, $2, $3, $4, $5)`,
        [entry.projection, entry.streamName, entry.position, entry.eventType, entry.errorClass],
      );
      this.options.onQuarantine?.(this.name, entry);
    }
  }

  /** Applies one stream's events; on a data error applies them one by one, keeping those before the failing one. */
  private async applyFindingFailure(
    events: readonly RecordedEvent[],
    manager: EntityManager,
  ): Promise<{ event: RecordedEvent; error: unknown } | undefined> {
    if (events.length === 0) return undefined;
    if ((await this.inSavepoint(manager, () => this.projection.apply(events, manager))) === undefined)
      return undefined;
    for (const event of events) {
      const error = await this.inSavepoint(manager, () => this.projection.apply([event], manager));
      if (error !== undefined) return { event, error };
    }
    return undefined;
  }

  /** Runs work in a savepoint; a data error rolls back to it and is returned, any other error is thrown. */
  private async inSavepoint(manager: EntityManager, work: () => Promise<void>): Promise<unknown> {
    await manager.query('SAVEPOINT projection_step');
    try {
      await work();
      await manager.query('RELEASE SAVEPOINT projection_step');
      return undefined;
    } catch (error) {
      if (isTransientError(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT projection_step');
      return error ?? new Error('Unknown projection failure');
    }
  }

  private async recordError(error: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.checkpoints} SET last_error = $3, updated_at = now() WHERE name = $1 AND partition = $2`,
      [this.name, this.partition.index, errorSummary(error)],
    );
  }
}

interface QuarantineRow {
  projection: string;
  stream_name: string;
  position: string;
  event_type: string;
  error_class: string;
  quarantined_at: Date;
  retries: number;
}

const QUARANTINE_COLUMNS =
  'projection, stream_name, position, event_type, error_class, quarantined_at, retries';

function toQuarantined(row: QuarantineRow): QuarantinedStream {
  return {
    projection: row.projection,
    streamName: row.stream_name,
    position: row.position,
    eventType: row.event_type,
    errorClass: row.error_class,
    quarantinedAt: row.quarantined_at,
    retries: row.retries,
  };
}
