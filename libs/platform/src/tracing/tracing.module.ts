import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { startTracingSdk, type TracingSdk } from './tracing-sdk.js';
import type { TracingSettings } from './tracing.config.js';

const TRACING_SDK = Symbol('TRACING_SDK');

class TracingLifecycle implements OnApplicationShutdown {
  constructor(@Inject(TRACING_SDK) private readonly sdk: TracingSdk) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sdk.shutdown();
  }
}

/** Starts the tracing SDK with the application and shuts it down (exporting what is queued) with it. */
@Module({})
export class TracingModule {
  static forRoot(settings: TracingSettings, serviceName: string): DynamicModule {
    return {
      module: TracingModule,
      // Nest shuts global modules down last: the spans of the projector's final batch are ended before the export.
      global: true,
      providers: [
        { provide: TRACING_SDK, useFactory: () => startTracingSdk(settings, serviceName) },
        TracingLifecycle,
      ],
    };
  }
}
