import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { PG_POOL } from '@claimtrail/database';
import { errorSummary, GracefulShutdown } from '@claimtrail/platform';
import { ProjectionMonitor, type ProjectionReport } from '@claimtrail/projections';
import type { Pool } from 'pg';

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthOptions {
  /** A projection further behind than this, and not catching up, makes the API unready. */
  maxProjectionLagSeconds: number;
  /** Longest a check may take before it counts as down. */
  checkTimeoutMs: number;
}

/** The readiness checks; none throws, each reports down with a reason instead. */
@Injectable()
export class ReadinessIndicators {
  private readonly lastLag = new Map<string, number>();

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly monitor: ProjectionMonitor,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    private readonly shutdown: GracefulShutdown,
  ) {}

  /** Down from the moment a shutdown begins, so that a load balancer stops sending before the listener closes. */
  running(): HealthIndicatorResult {
    const check = this.health.check('shutdown');
    return this.shutdown.signal.aborted ? check.down({ reason: 'shutting down' }) : check.up();
  }

  database(): PromiseLike<HealthIndicatorResult> {
    return this.health
      .check('database')
      .attempt(async () => {
        await this.pool.query('SELECT 1');
      })
      .withTimeout(this.options.checkTimeoutMs);
  }

  /** The log's head, and per projection: quarantined streams, a failing batch, or a lag that keeps growing. */
  async projections(): Promise<HealthIndicatorResult> {
    let report: Awaited<ReturnType<ProjectionMonitor['report']>>;
    try {
      report = await this.monitor.report();
    } catch (error) {
      return this.health.check('eventStore').down({ reason: `unreachable: ${errorSummary(error)}` });
    }
    const result: HealthIndicatorResult = this.health
      .check('eventStore')
      .up({ headPosition: report.head ?? null });
    for (const projection of report.projections) Object.assign(result, this.projection(projection));
    return result;
  }

  private projection(status: ProjectionReport): HealthIndicatorResult {
    const session = this.health.check(`projection:${status.name}`);
    const lagSeconds = Math.round(status.lagSeconds);
    const growing = this.lagKeepsGrowing(status.name, lagSeconds);
    const data = {
      position: status.position ?? null,
      caughtUp: status.caughtUp,
      lagSeconds,
      eventsApplied: status.eventsApplied,
      quarantined: status.quarantined,
      lastError: status.lastError ?? null,
      updatedAt: status.updatedAt.toISOString(),
      ...(status.rebuild && {
        rebuilding: {
          eventsApplied: status.rebuild.eventsApplied,
          eventsExpected: status.rebuild.eventsExpected,
        },
      }),
    };
    const reasons = [
      status.quarantined > 0 && `${status.quarantined} stream(s) quarantined: see "projections quarantine"`,
      status.lastError && `last batch failed with ${status.lastError}; retrying`,
      growing && `${lagSeconds} s behind the log and not catching up`,
    ].filter((reason): reason is string => typeof reason === 'string');
    return reasons.length > 0 ? session.down({ ...data, reason: reasons.join('; ') }) : session.up(data);
  }

  // A projection catching up on a backlog is behind but getting closer; one that is stuck or slower than the
  // writers falls further behind with every probe.
  private lagKeepsGrowing(name: string, lagSeconds: number): boolean {
    const previous = this.lastLag.get(name);
    this.lastLag.set(name, lagSeconds);
    if (lagSeconds <= this.options.maxProjectionLagSeconds) return false;
    return previous === undefined || lagSeconds >= previous;
  }
}
