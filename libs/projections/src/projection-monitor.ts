import { comparePositions, type EventStore, type Position } from '@claimtrail/event-store';
import type { CheckpointStore, ProjectionStatus } from './checkpoint-store.js';

export interface ProjectionReport extends ProjectionStatus {
  caughtUp: boolean;
  /** Age of the oldest event the projection has not applied yet; 0 when caught up. */
  lagSeconds: number;
  /** Events it has not applied yet, counted up to report's countLagEventsUpTo; only when that was asked for. */
  lagEvents?: number;
}

/** How far each projection is behind the log: for health, the projections query and the CLI alike. */
export class ProjectionMonitor {
  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    /** The projections this deployment runs: reported before their first batch too. */
    private readonly names: readonly string[],
    private readonly now: () => number = Date.now,
  ) {}

  /** countLagEventsUpTo: how far to count the events behind (a read of that many events per lagging projection). */
  async report(
    options: { countLagEventsUpTo?: number } = {},
  ): Promise<{ head: Position | undefined; projections: ProjectionReport[] }> {
    const [head, stored] = await Promise.all([
      this.store.headPosition(),
      this.checkpoints.statuses(this.names),
    ]);
    const byName = new Map(stored.map((status) => [status.name, status]));
    const statuses = this.names.map((name) => byName.get(name) ?? notStarted(name));
    const projections = await Promise.all(
      statuses.map(async (status) => {
        const caughtUp = comparePositions(status.position, head) >= 0;
        const counted = options.countLagEventsUpTo;
        if (caughtUp) return { ...status, caughtUp, lagSeconds: 0, ...(counted && { lagEvents: 0 }) };
        const behind = await this.store.readAll({ after: status.position, limit: counted ?? 1 });
        const next = behind[0];
        const lagSeconds = next ? Math.max(0, this.now() - Date.parse(next.recordedAt)) / 1000 : 0;
        return { ...status, caughtUp, lagSeconds, ...(counted && { lagEvents: behind.length }) };
      }),
    );
    return { head, projections };
  }
}

const notStarted = (name: string): ProjectionStatus => ({
  name,
  position: undefined,
  eventsApplied: 0,
  updatedAt: new Date(0),
  lastError: undefined,
  quarantined: 0,
  rebuild: undefined,
});
