import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { loggableError } from '@claimtrail/platform';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import { DataSource } from 'typeorm';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import type { ProjectorSettings } from './projector.config.js';

export const PROJECTIONS = Symbol('PROJECTIONS');
export const PROJECTOR_OPTIONS = Symbol('PROJECTOR_OPTIONS');

/** Runs every registered projection in the background of this process for as long as it lives. */
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly controller = new AbortController();
  private readonly running: Promise<void>[] = [];
  readonly runners: ProjectionRunner[];

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(PROJECTOR_OPTIONS) private readonly options: ProjectorSettings,
  ) {
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(store, dataSource, projection, {
          batchSize: options.batchSize,
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
    this.logger.log(`Running ${this.runners.map((r) => r.projection.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.running);
  }
}
