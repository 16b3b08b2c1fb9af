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

export interface ProjectionRunnerOptions {
  batchSize?: number;
  retryDelayMs?: number;
  /** A batch failed for a reason outside the events (see isTransientError) and will be tried again. */
  onError?: (projection: string, error: unknown) => void;
  /** A batch committed up to position, or the runner (re)loaded its checkpoint there. */
  onCommitted?: (projection: string, position: Position | undefined) => void;
  /** One stream stopped being applied: its event at position failed. */
  onQuarantine?: (projection: string, quarantined: QuarantinedStream) => void;
  /** Sees each batch and its steps (traces); nothing by default. */
  observer?: BatchObserver;
  /**
   * Apply into this schema instead of the live tables: its own checkpoint and quarantine tables, and the read
   * model's tables found first on the search path (how a rebuild fills fresh tables beside the live ones).
   */
  schema?: string;
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
  }

  get name(): string {
    return this.projection.name;
  }

  /** Follows the log until the signal aborts; after a failed batch it records the error, waits and resumes. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        let checkpoint = await this.loadCheckpoint();
        this.options.onCommitted?.(this.name, checkpoint);
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
   * Applies everything committed so far, then returns the number of events read; for the CLI, rebuilds and tests.
   * onBatch hears the running total after each committed batch.
   */
  async catchUp(onBatch?: (applied: number) => void | Promise<void>, signal?: AbortSignal): Promise<number> {
    let checkpoint = await this.loadCheckpoint();
    let applied = 0;
    for (;;) {
      signal?.throwIfAborted();
      const batch = await this.store.readAll({ after: checkpoint, limit: this.batchSize });
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

  private async loadCheckpoint(): Promise<Position | undefined> {
    await this.dataSource.query(
      `INSERT INTO ${this.checkpoints} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
      [this.name],
    );
    const [row] = await this.dataSource.query(`SELECT position FROM ${this.checkpoints} WHERE name = $1`, [
      this.name,
    ]);
    return row?.position ?? undefined;
  }

  /**
   * The lock makes a second worker on the same projection wait, then see that the checkpoint moved on. Every
   * transaction that applies events starts here, so this is also where it is pointed at the runner's schema. The
   * streams this projection stopped applying come in the same round trip.
   */
  private async lockCheckpoint(
    manager: EntityManager,
  ): Promise<{ checkpoint: Position | undefined; quarantined: Set<string> }> {
    if (this.options.schema !== undefined)
      await manager.query(`SET LOCAL search_path TO ${quoteIdentifier(this.options.schema)}, public`);
    const [row]: { position: string | null; quarantined: string[] }[] = await manager.query(
      `SELECT position,
         ARRAY(SELECT stream_name FROM ${this.quarantine} WHERE projection = $1) AS quarantined
       FROM ${this.checkpoints} WHERE name = $1 FOR UPDATE`,
      [this.name],
    );
    return { checkpoint: row?.position ?? undefined, quarantined: new Set(row?.quarantined ?? []) };
  }

  private applyBatch(batch: readonly RecordedEvent[], expected: Position | undefined): Promise<Position> {
    return this.observer.batch(this.name, batch, async () => {
      try {
        return await this.commitBatch(batch, expected, false);
      } catch (error) {
        if (!(error instanceof IsolateStreams)) throw error;
        return this.commitBatch(batch, expected, true);
      }
    });
  }

  private async commitBatch(
    batch: readonly RecordedEvent[],
    expected: Position | undefined,
    isolate: boolean,
  ): Promise<Position> {
    const last = batch[batch.length - 1]!.position;
    let checkpointSaved: BatchStepEnd = () => {};
    await whenSettled(
      () =>
        this.dataSource.transaction(async (manager) => {
          const { checkpoint, quarantined } = await this.lockCheckpoint(manager);
          if (checkpoint !== expected) throw new CheckpointMoved();
          const events = batch.filter((e) => !quarantined.has(e.streamName));
          if (events.length > 0) await this.step('apply', () => this.applyEvents(events, manager, isolate));
          // Saved with the rows or not at all: the step ends when the transaction does.
          checkpointSaved = this.observer.step('checkpoint');
          await manager.query(
            `UPDATE ${this.checkpoints}
             SET position = $2, events_applied = events_applied + $3, updated_at = now(), last_error = NULL
             WHERE name = $1`,
            [this.name, last, batch.length],
          );
        }),
      (failure) => checkpointSaved(failure),
    );
    this.options.onCommitted?.(this.name, last);
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
      `UPDATE ${this.checkpoints} SET last_error = $2, updated_at = now() WHERE name = $1`,
      [this.name, errorSummary(error)],
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
