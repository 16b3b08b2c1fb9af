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
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CHECKPOINTS_CHANNEL, CheckpointStore } from './checkpoint-store.js';
import { LeasedPartitions } from './leased-partitions.js';
import { PartitionLeases } from './partition-leases.js';
import { splitCheckpoints } from './partition-checkpoints.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { PROJECTION_BATCH_OBSERVER, type BatchObserver } from './batch-observer.port.js';
import type { ProjectorSettings } from './projector.config.js';

export const PROJECTIONS = Symbol('PROJECTIONS');
const CHECKPOINT_NOTIFY_GATHER_MS = 3;
export const PROJECTOR_OPTIONS = Symbol('PROJECTOR_OPTIONS');

/**
 * Runs the registered projections in the background of this process for as long as it lives: every partition of
 * each, or (settings.leased, the worker) the partitions this process holds a lease on.
 */
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly controller = new AbortController();
  private readonly running: Promise<void>[] = [];
  /** One runner per projection and partition. */
  readonly runners: ProjectionRunner[];
  /** Chains the committed log into log_seals behind the appends (ADR 0005); PostgreSQL and embedded only. */
  readonly sealer: LogSealer | undefined;
  /** The worker's leases, once it runs them. */
  leased: LeasedPartitions | undefined;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(PROJECTOR_OPTIONS) private readonly options: ProjectorSettings,
    private readonly checkpoints: CheckpointStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RESOLVED_DATABASE) database: ResolvedDatabase,
    @Inject(PROJECTION_BATCH_OBSERVER) observer: BatchObserver,
  ) {
    // The runners commit one after another as each finishes the same batch: a few milliseconds' wait announces them
    // all at once, to reads waiting in other processes (this one's hear each commit at once).
    const notifier = database.embedded
      ? undefined
      : new CommitNotifier(pool, CHECKPOINTS_CHANNEL, { gatherMs: CHECKPOINT_NOTIFY_GATHER_MS });
    const adapter = adapterOf(store);
    this.sealer = adapter instanceof PostgresEventStore ? new LogSealer(pool, adapter) : undefined;
    const partitions = Array.from({ length: options.partitions }, (_, index) => index);
    this.runners = projections.flatMap((projection) =>
      partitions.map(
        (index) =>
          new ProjectionRunner(store, dataSource, projection, {
            batchSize: options.batchSize,
            partition: { index, count: options.partitions },
            observer,
            onCommitted: (name, position, partition) => {
              checkpoints.committed(name, position, partition);
              notifier?.poke();
            },
            // Class, code and stack frames only: a failed statement's message can quote the event's patient data.
            onError: (name, error) =>
              this.logger.error(
                { projection: name, partition: index, err: loggableError(error) },
                `Projection ${name} failed and will retry`,
              ),
            // The position finds the stream (projections quarantine); a claim id may be a patient account number.
            onQuarantine: (name, entry) =>
              this.logger.warn(
                `Projection ${name} quarantined a stream at position ${entry.position} (${entry.eventType}): ${entry.errorClass}`,
              ),
          }),
      ),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.inProcess) return;
    await splitCheckpoints(this.dataSource, this.names(), this.options.partitions, 'resplit');
    if (this.options.leased) {
      this.leased = this.leasedPartitions();
      this.running.push(this.leased.run(this.controller.signal));
      return;
    }
    for (const runner of this.runners) this.running.push(runner.run(this.controller.signal));
    if (this.sealer) this.running.push(this.runSealer(this.controller.signal));
    this.logger.log(`Running ${this.names().join(', ')}`);
  }

  /** For commands that drive the runners themselves: refuses when the stored split is not the configured one. */
  async checkPartitions(): Promise<void> {
    await splitCheckpoints(this.dataSource, this.names(), this.options.partitions, 'check');
  }

  /** Each runner commits the batch it is applying (rows and checkpoint in one transaction) and stops. */
  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.running);
    await this.checkpoints.close();
    if (this.running.length > 0)
      this.logger.log({ phase: 'projections-stopped' }, 'Projections and log sealer stopped');
  }

  private names(): string[] {
    return this.projections.map((projection) => projection.name);
  }

  // The sealer goes with partition 0: one worker seals at a time, rather than two racing for every batch.
  private leasedPartitions(): LeasedPartitions {
    const leases = new PartitionLeases(this.pool, {
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      partitions: this.options.partitions,
      leaseSeconds: this.options.leaseSeconds,
    });
    this.logger.log(
      `Sharing ${this.options.partitions} partition(s) of ${this.names().join(', ')} with the other workers as ${leases.owner}`,
    );
    return new LeasedPartitions(leases, {
      work: async (partition, signal) => {
        await Promise.all([
          ...this.runners
            .filter((runner) => runner.partition.index === partition)
            .map((runner) => runner.run(signal)),
          ...(partition === 0 && this.sealer ? [this.runSealer(signal)] : []),
        ]);
      },
      onError: (error) =>
        this.logger.error({ err: loggableError(error) }, 'Lease round failed and will be tried again'),
      onChange: (owned, lost) => {
        if (lost.length > 0)
          this.logger.warn(`Partition(s) ${lost.join(', ')} taken over by another worker; stopped here`);
        this.logger.log(
          { partitions: owned },
          `Holding ${owned.length} of ${this.options.partitions} partition(s)`,
        );
      },
    });
  }

  private runSealer(signal: AbortSignal): Promise<void> {
    return this.sealer!.run(signal, (error) =>
      this.logger.error({ err: loggableError(error) }, 'Log sealer failed and will retry'),
    );
  }
}
