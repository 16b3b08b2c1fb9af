import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import { CheckpointStore } from '@claimtrail/projections';

/** For load balancers and on-call: is the database reachable, and how far behind is each projection? */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
  ) {}

  @Get()
  async health() {
    try {
      const [head, projections] = await Promise.all([this.store.headPosition(), this.checkpoints.statuses()]);
      return {
        status: 'ok',
        headPosition: head ?? null,
        projections: projections.map((p) => ({
          name: p.name,
          position: p.position ?? null,
          caughtUp: (p.position ?? null) === (head ?? null),
          eventsApplied: p.eventsApplied,
          updatedAt: p.updatedAt.toISOString(),
          lastError: p.lastError ?? null,
        })),
      };
    } catch {
      throw new HttpException({ status: 'unavailable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
