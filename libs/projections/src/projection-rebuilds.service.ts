import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { loggableError } from '@claimtrail/platform';
import { ProjectionRebuilder, type RebuildProgress } from './projection-rebuilder.js';

const PROGRESS_LOG_INTERVAL_MS = 10_000;

/** Rebuilds started from the API: run in the background of this process, logged, stopped at shutdown. */
@Injectable()
export class ProjectionRebuilds implements OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionRebuild');
  private readonly controller = new AbortController();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly rebuilder: ProjectionRebuilder) {}

  /** Starts a rebuild, or throws ProjectionRebuildError (an unknown name, one already under way). */
  async start(name: string): Promise<void> {
    let lastLog = 0;
    const onProgress = (progress: RebuildProgress) => {
      if (performance.now() - lastLog < PROGRESS_LOG_INTERVAL_MS) return;
      lastLog = performance.now();
      this.logger.log(
        { ...progress, eventsPerSecond: Math.round(progress.eventsPerSecond) },
        `Rebuilding ${name}`,
      );
    };
    const { done } = await this.rebuilder.start(name, onProgress, this.controller.signal);
    this.logger.log(`Rebuild of ${name} started`);
    const tracked = done.then(
      (outcome) =>
        this.logger.log(
          { projection: name, eventsApplied: outcome.eventsApplied, seconds: outcome.seconds },
          `Rebuild of ${name} finished; the fresh tables are live`,
        ),
      (error) =>
        this.controller.signal.aborted
          ? this.logger.warn(`Rebuild of ${name} stopped at shutdown; the live tables are unchanged`)
          : this.logger.error({ projection: name, err: loggableError(error) }, `Rebuild of ${name} failed`),
    );
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.running);
  }
}
