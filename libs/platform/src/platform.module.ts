import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GracefulShutdown } from './lifecycle/graceful-shutdown.js';
import { READ_YOUR_WRITES_TIMEOUT_MS, ReadYourWrites } from './read-your-writes/read-your-writes.service.js';
import { CLOCK, systemClock, type Clock } from './time/clock.js';

export interface PlatformOptions {
  readYourWritesTimeoutMs: number;
  /** The system clock unless a test fixes the time. */
  clock?: Clock;
}

/**
 * What every feature injects: the clock, read-your-writes (over the projections' PROJECTION_POSITIONS) and whether
 * the process is shutting down.
 */
@Global()
@Module({})
export class PlatformModule {
  /** imports: the module that provides PROJECTION_POSITIONS (the projection runtime's). */
  static forRoot(options: PlatformOptions, imports: DynamicModule[]): DynamicModule {
    return {
      module: PlatformModule,
      imports,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: READ_YOUR_WRITES_TIMEOUT_MS, useValue: options.readYourWritesTimeoutMs },
        ReadYourWrites,
        GracefulShutdown,
      ],
      exports: [CLOCK, ReadYourWrites, GracefulShutdown],
    };
  }
}
