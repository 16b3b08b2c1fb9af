import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { HEALTH_OPTIONS, ReadinessIndicators, type HealthOptions } from './readiness.indicators.js';

@Module({})
export class HealthModule {
  /** imports: the database, event store and projector modules whose health it reports. */
  static forRoot(options: HealthOptions, imports: DynamicModule[]): DynamicModule {
    return {
      module: HealthModule,
      // Failed probes are answered, not logged: an orchestrator polls every few seconds.
      imports: [TerminusModule.forRoot({ logger: false }), ...imports],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_OPTIONS, useValue: options }, ReadinessIndicators],
    };
  }
}
