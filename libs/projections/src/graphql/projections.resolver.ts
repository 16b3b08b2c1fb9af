import { Roles } from '@claimtrail/platform';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ProjectionMonitor, type ProjectionReport } from '../projection-monitor.js';
import { ProjectionRebuilds } from '../projection-rebuilds.service.js';
import { ProjectionState } from './projection-state.type.js';

const toState = (report: ProjectionReport): ProjectionState => ({
  name: report.name,
  position: report.position ?? null,
  caughtUp: report.caughtUp,
  lagSeconds: report.lagSeconds,
  eventsApplied: report.eventsApplied,
  quarantinedStreams: report.quarantined,
  lastError: report.lastError ?? null,
  rebuild: report.rebuild
    ? {
        startedAt: report.rebuild.startedAt.toISOString(),
        eventsApplied: report.rebuild.eventsApplied,
        eventsExpected: report.rebuild.eventsExpected,
      }
    : null,
});

@Resolver(() => ProjectionState)
export class ProjectionsResolver {
  constructor(
    private readonly monitor: ProjectionMonitor,
    private readonly rebuilds: ProjectionRebuilds,
  ) {}

  @Roles('admin')
  @Query(() => [ProjectionState], {
    description: 'Every projection: its checkpoint, its lag behind the event log, and any rebuild under way.',
  })
  async projections(): Promise<ProjectionState[]> {
    return (await this.monitor.report()).projections.map(toState);
  }

  @Roles('admin')
  @Mutation(() => ProjectionState, {
    description:
      'Rebuilds a projection from the whole log into fresh tables beside the live ones, then switches to them once caught up; queries answer from the live tables meanwhile. Returns at once; follow it in `projections`.',
  })
  async rebuildProjection(@Args('name') name: string): Promise<ProjectionState> {
    await this.rebuilds.start(name);
    const report = (await this.monitor.report()).projections.find((p) => p.name === name);
    return toState(report!);
  }
}
