import { setMaxListeners } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';

interface Drain {
  name: string;
  drain(): Promise<void>;
}

/**
 * Whether the process is shutting down, for whatever serves clients, and what to wait for before the application
 * closes: readiness turns down, new requests are refused and subscriptions end once `signal` aborts, and drain()
 * resolves when the requests taken before are answered. Closing pools and the database is left to the modules'
 * onApplicationShutdown hooks, which run after it (see shutDownOnSignals).
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly controller = new AbortController();
  private readonly drains: Drain[] = [];
  private drained: Promise<void> | undefined;

  constructor() {
    // Every open subscription listens (untilShutdown): many listeners on this one signal are expected.
    setMaxListeners(0, this.controller.signal);
  }

  /** Aborts when the shutdown begins. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Registers what stops taking work when the shutdown begins and resolves once the work it took is done. */
  onDrain(name: string, drain: () => Promise<void>): void {
    this.drains.push({ name, drain });
  }

  /** Begins the shutdown and waits for every drain; later calls wait for the same. */
  drain(): Promise<void> {
    this.drained ??= this.run();
    return this.drained;
  }

  private async run(): Promise<void> {
    this.logger.log(
      { phase: 'draining' },
      'Draining: readiness down, no new requests or subscriptions taken',
    );
    this.controller.abort();
    await Promise.all(
      this.drains.map(async ({ name, drain }) => {
        const started = performance.now();
        await drain();
        this.logger.log(
          { phase: 'drained', drain: name, durationMs: Math.round(performance.now() - started) },
          `Drained ${name}`,
        );
      }),
    );
  }
}
