import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ReadinessIndicators } from './readiness.indicators.js';

/**
 * For orchestrators and on-call. Liveness: the process answers. Readiness (also at /health): the process is not
 * shutting down, the database answers, the log's head is known, and no projection is quarantined, failing, or falling
 * further behind; the body says which check failed and why.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get(['', 'ready'])
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => this.readiness.running(),
      () => this.readiness.database(),
      async () => this.readiness.projections(),
    ]);
  }
}
