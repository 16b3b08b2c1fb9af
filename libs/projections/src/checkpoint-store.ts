import { abortableSleep, comparePositions, type Position } from '@claimtrail/event-store';
import type { Pool } from 'pg';

export interface ProjectionStatus {
  name: string;
  position: Position | undefined;
  eventsApplied: number;
  updatedAt: Date;
  lastError: string | undefined;
}

/** Reads checkpoints from the database, so it works whether the projector runs in this process or another. */
export class CheckpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly pollIntervalMs = 25,
  ) {}

  async statuses(names?: readonly string[]): Promise<ProjectionStatus[]> {
    const { rows } = await this.pool.query<{
      name: string;
      position: string | null;
      events_applied: string;
      updated_at: Date;
      last_error: string | null;
    }>(
      `SELECT name, position, events_applied, updated_at, last_error FROM projection_checkpoints
       WHERE $1::text[] IS NULL OR name = ANY($1::text[]) ORDER BY name`,
      [names ?? null],
    );
    return rows.map((row) => ({
      name: row.name,
      position: row.position ?? undefined,
      eventsApplied: Number(row.events_applied),
      updatedAt: row.updated_at,
      lastError: row.last_error ?? undefined,
    }));
  }

  /** True once every named projection has applied the log up to position; false when the time runs out first. */
  async waitUntil(names: readonly string[], position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = await this.statuses(names);
      const caughtUp =
        statuses.length === names.length &&
        statuses.every((s) => comparePositions(s.position, position) >= 0);
      if (caughtUp) return true;
      if (Date.now() >= deadline) return false;
      await abortableSleep(Math.min(this.pollIntervalMs, deadline - Date.now()));
    }
  }
}
