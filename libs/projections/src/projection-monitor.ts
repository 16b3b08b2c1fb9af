import { comparePositions, type EventStore, type Position } from '@claimtrail/event-store';
import type { CheckpointStore, ProjectionStatus } from './checkpoint-store.js';

export interface ProjectionReport extends ProjectionStatus {
  caughtUp: boolean;
  /** Age of the oldest event the projection has not applied yet; 0 when caught up. */
  lagSeconds: number;
}

/** How far each projection is behind the log: for health, the projections query and the CLI alike. */
export class ProjectionMonitor {
  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly now: () => number = Date.now,
  ) {}

  async report(): Promise<{ head: Position | undefined; projections: ProjectionReport[] }> {
    const [head, statuses] = await Promise.all([this.store.headPosition(), this.checkpoints.statuses()]);
    const projections = await Promise.all(
      statuses.map(async (status) => {
        const caughtUp = comparePositions(status.position, head) >= 0;
        return { ...status, caughtUp, lagSeconds: caughtUp ? 0 : await this.lagSeconds(status.position) };
      }),
    );
    return { head, projections };
  }

  private async lagSeconds(position: Position | undefined): Promise<number> {
    const [next] = await this.store.readAll({ after: position, limit: 1 });
    return next ? Math.max(0, this.now() - Date.parse(next.recordedAt)) / 1000 : 0;
  }
}
