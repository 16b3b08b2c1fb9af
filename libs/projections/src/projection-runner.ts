import { abortableSleep, type EventStore, type Position, type RecordedEvent } from '@claimtrail/event-store';
import { In, type DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import type { RowProjection } from './projection.js';

export interface ProjectionRunnerOptions {
  batchSize?: number;
  retryDelayMs?: number;
  onError?: (projection: string, error: unknown) => void;
}

class CheckpointMoved extends Error {}

/**
 * Applies one projection: reads the log from its checkpoint, folds each batch into rows, and saves the rows and the
 * new checkpoint in one transaction, so that a crash can neither skip nor double-apply an event.
 */
export class ProjectionRunner<Row extends ObjectLiteral = ObjectLiteral> {
  private readonly batchSize: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projection: RowProjection<Row>,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /** Follows the log until the signal aborts; on an error it records it, waits and resumes from the checkpoint. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        let checkpoint = await this.loadCheckpoint();
        for await (const batch of this.store.subscribe({
          after: checkpoint,
          batchSize: this.batchSize,
          signal,
        })) {
          checkpoint = await this.applyBatch(batch, checkpoint);
        }
      } catch (error) {
        if (!(error instanceof CheckpointMoved)) {
          this.options.onError?.(this.projection.name, error);
          await this.recordError(error).catch(() => undefined);
          await abortableSleep(this.retryDelayMs, signal);
        }
      }
    }
  }

  /** Applies everything committed so far, then returns; for rebuilds, the CLI and tests. */
  async catchUp(): Promise<number> {
    let checkpoint = await this.loadCheckpoint();
    let applied = 0;
    for (;;) {
      const batch = await this.store.readAll({ after: checkpoint, limit: this.batchSize });
      if (batch.length === 0) return applied;
      checkpoint = await this.applyBatch(batch, checkpoint);
      applied += batch.length;
    }
  }

  private async loadCheckpoint(): Promise<Position | undefined> {
    await this.dataSource.query(
      'INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
      [this.projection.name],
    );
    const [row] = await this.dataSource.query('SELECT position FROM projection_checkpoints WHERE name = $1', [
      this.projection.name,
    ]);
    return row?.position ?? undefined;
  }

  private async applyBatch(
    batch: readonly RecordedEvent[],
    expected: Position | undefined,
  ): Promise<Position> {
    const last = batch[batch.length - 1]!.position;
    await this.dataSource.transaction(async (manager) => {
      // The lock makes a second worker on the same projection wait, then see that the checkpoint moved on.
      const [row] = await manager.query(
        'SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
        [this.projection.name],
      );
      if ((row?.position ?? undefined) !== expected) throw new CheckpointMoved();
      await this.applyRows(manager, batch);
      await manager.query(
        `UPDATE projection_checkpoints
         SET position = $2, events_applied = events_applied + $3, updated_at = now(), last_error = NULL
         WHERE name = $1`,
        [this.projection.name, last, batch.length],
      );
    });
    return last;
  }

  private async applyRows(manager: EntityManager, batch: readonly RecordedEvent[]): Promise<void> {
    const { projection } = this;
    const keyed = batch.flatMap((event) => {
      const key = projection.keyOf(event);
      return key === undefined ? [] : [{ key, event }];
    });
    if (keyed.length === 0) return;
    const metadata = manager.connection.getMetadata(projection.entity);
    const keyProperty = metadata.primaryColumns[0]!.propertyName;
    const keys = [...new Set(keyed.map((k) => k.key))];
    const existing = await manager.findBy(projection.entity, { [keyProperty]: In(keys) } as never);
    const rows = new Map<string, Row | undefined>(existing.map((r) => [String(r[keyProperty]), r]));
    for (const { key, event } of keyed) rows.set(key, projection.apply(rows.get(key), event));
    const kept = [...rows.values()].filter((r): r is Row => r !== undefined);
    const removed = keys.filter((k) => rows.get(k) === undefined);
    if (kept.length > 0) await manager.upsert(projection.entity, kept as never[], [keyProperty]);
    if (removed.length > 0) await manager.delete(projection.entity, { [keyProperty]: In(removed) } as never);
  }

  private async recordError(error: unknown): Promise<void> {
    // Only the error's class and code: messages from a failed statement can quote row values, which may be PHI.
    const code = (error as { code?: string }).code;
    const summary = `${(error as Error)?.name ?? 'Error'}${code ? ` (${code})` : ''}`;
    await this.dataSource.query(
      'UPDATE projection_checkpoints SET last_error = $2, updated_at = now() WHERE name = $1',
      [this.projection.name, summary],
    );
  }
}
