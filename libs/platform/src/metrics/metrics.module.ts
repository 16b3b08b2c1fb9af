import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller.js';
import { METRICS_REGISTRY } from './metrics-registry.js';

export interface MetricsModuleOptions {
  /** The application's registry (createMetricsRegistry), which the observers handed to the features write to. */
  registry: Registry;
  /** Providers that add metrics read on each scrape (a projection's lag), and the modules they need. */
  collectors?: Type[];
  imports?: DynamicModule[];
}

/** GET /metrics over the application's registry. */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      imports: options.imports ?? [],
      controllers: [MetricsController],
      providers: [{ provide: METRICS_REGISTRY, useValue: options.registry }, ...(options.collectors ?? [])],
    };
  }
}
