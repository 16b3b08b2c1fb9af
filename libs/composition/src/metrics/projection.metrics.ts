import { Inject, Injectable, Logger } from '@nestjs/common';
import { PG_POOL } from '@claimtrail/database';
import { errorSummary, METRICS_REGISTRY } from '@claimtrail/platform';
import { leaseHolders, ProjectionMonitor, type ProjectionReport } from '@claimtrail/projections';
import type { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Beyond this many events behind, the lag in seconds says more than an exact count would cost to read. */
export const LAG_EVENTS_COUNTED_UP_TO = 1000;

/**
 * Each projection as the monitor reports it (from the checkpoints in the database, so also for a projector running in
 * another process), read once per scrape: nothing is kept up to date between scrapes.
 */
@Injectable()
export class ProjectionMetrics {
  private readonly logger = new Logger('Metrics');
  private pending: Promise<ProjectionReport[] | undefined> | undefined;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly monitor: ProjectionMonitor,
    @Inject(PG_POOL) pool: Pool,
  ) {
    const report = () => this.report();
    const gauge = (name: string, help: string, value: (p: ProjectionReport) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers: [registry],
        async collect() {
          this.reset();
          for (const p of (await report()) ?? []) this.set({ projection: p.name }, value(p));
        },
      });
    gauge(
      'claimtrail_projection_lag_events',
      `Events in the log the projection has not applied yet (counted up to ${LAG_EVENTS_COUNTED_UP_TO})`,
      (p) => p.lagEvents ?? 0,
    );
    gauge(
      'claimtrail_projection_lag_seconds',
      'Age of the oldest event the projection has not applied yet; 0 when caught up',
      (p) => p.lagSeconds,
    );
    gauge(
      'claimtrail_projection_quarantined_claims',
      'Streams (claims) the projection stopped applying until "projections retry"',
      (p) => p.quarantined,
    );
    new Counter({
      name: 'claimtrail_projection_events_total',
      help: 'Events the projection has applied (its checkpoint; a rebuild starts it again)',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const p of (await report()) ?? []) this.inc({ projection: p.name }, p.eventsApplied);
      },
    });
    // One series per live worker (workers that died or stopped drop out at the next scrape): as many as are running.
    const logger = this.logger;
    new Gauge({
      name: 'claimtrail_projector_partitions_owned',
      help: 'Partitions each live projector worker holds a lease on (PROJECTOR_PARTITIONS in all when shared fairly)',
      labelNames: ['worker'],
      registers: [registry],
      async collect() {
        this.reset();
        try {
          for (const holder of await leaseHolders(pool))
            this.set({ worker: holder.owner }, holder.partitions);
        } catch (error) {
          logger.warn(`Projector lease metrics left out of a scrape: ${errorSummary(error)}`);
        }
      },
    });
  }

  // A scrape collects every metric at once, so the four of one scrape share one report; a scrape while the database
  // is away leaves them out rather than failing the whole scrape.
  private report(): Promise<ProjectionReport[] | undefined> {
    this.pending ??= this.monitor
      .report({ countLagEventsUpTo: LAG_EVENTS_COUNTED_UP_TO })
      .then(
        ({ projections }) => projections,
        (error: unknown) => {
          this.logger.warn(`Projection metrics left out of a scrape: ${errorSummary(error)}`);
          return undefined;
        },
      )
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}
