import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { loggableError } from '@claimtrail/platform';
import { PG_POOL, RESOLVED_DATABASE, type ResolvedDatabase } from '@claimtrail/database';
import {
  adapterOf,
  CommitNotifier,
  EVENT_STORE,
  LogSealer,
  PostgresEventStore,
  type EventStore,
} from '@claimtrail/event-store';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CHECKPOINTS_CHANNEL, CheckpointStore } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { PROJECTION_BATCH_OBSERVER, type BatchObserver } from './batch-observer.port.js';
import type { ProjectorSettings } from './projector.config.js';

export const PROJECTIONS = Symbol('PROJECTIONS');
export const PROJECTOR_OPTIONS = Symbol('PROJECTOR_OPTIONS');

/** Runs every registered projection in the background of this process for as long as it lives. */
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly controller = new AbortController();
  private readonly running: Promise<void>[] = [];
  readonly runners: ProjectionRunner[];
  /** Chains the committed log into log_seals behind the appends (ADR 0005); PostgreSQL and embedded only. */
  readonly sealer: LogSealer | undefined;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(PROJECTOR_OPTIONS) private readonly options: ProjectorSettings,
    private readonly checkpoints: CheckpointStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(RESOLVED_DATABASE) database: ResolvedDatabase,
    @Inject(PROJECTION_BATCH_OBSERVER) observer: BatchObserver,
  ) {
    const notifier = database.embedded ? undefined : new CommitNotifier(pool, CHECKPOINTS_CHANNEL);
    const adapter = adapterOf(store);
    this.sealer = adapter instanceof PostgresEventStore ? new LogSealer(pool, adapter) : undefined;
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(store, dataSource, projection, {
          batchSize: options.batchSize,
          observer,
          onCommitted: (name, position) => {
            checkpoints.committed(name, position);
            notifier?.poke();
          },
          // Class, code and stack frames only: a failed statement's message can quote the event's patient data.
          onError: (name, error) =>
            this.logger.error(
              { projection: name, err: loggableError(error) },
              `Projection ${name} failed and will retry`,
            ),
          // The position finds the stream (projections quarantine); a claim id may be a patient account number.
          onQuarantine: (name, entry) =>
            this.logger.warn(
              `Projection ${name} quarantined a stream at position ${entry.position} (${entry.eventType}): ${entry.errorClass}`,
            ),
        }),
    );
  }

  onApplicationBootstrap(): void {
    if (!this.options.inProcess) return;
    for (const runner of this.runners) this.running.push(runner.run(this.controller.signal));
    if (this.sealer)
      this.running.push(
        this.sealer.run(this.controller.signal, (error) =>
          this.logger.error({ err: loggableError(error) }, 'Log sealer failed and will retry'),
        ),
      );
    this.logger.log(`Running ${this.runners.map((r) => r.projection.name).join(', ')}`);
  }

  /** Each runner commits the batch it is applying (rows and checkpoint in one transaction) and stops. */
  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.running);
    await this.checkpoints.close();
    if (this.running.length > 0)
      this.logger.log({ phase: 'projections-stopped' }, 'Projections and log sealer stopped');
  }
}
