import { Inject } from '@nestjs/common';
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, type Clock, Roles } from '@claimtrail/platform';
import { DEFAULT_PHI_PAGE, encodePhiCursor, phiAccessFilter } from './phi-access-log.arguments.js';
import { PhiAccessLog } from './phi-access-log.service.js';
import { PhiAccessConnection } from './phi-access.types.js';
import { notePhiRead } from './phi-reads.js';

@Resolver()
export class PhiAccessLogResolver {
  constructor(
    private readonly log: PhiAccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('auditor')
  @Query(() => PhiAccessConnection, {
    description:
      "Who read claims' patient data, when and how, oldest first. This read is itself recorded, once, as phiAccessLog.",
  })
  async phiAccessLog(
    @Context() context: object,
    @Args('claimId', { type: () => ID, nullable: true, description: 'Only reads of this claim.' })
    claimId?: string,
    @Args('actor', { type: () => String, nullable: true, description: 'Only reads by this actor.' })
    actor?: string,
    @Args('from', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: 'Inclusive; 5 years before `to` when omitted, and never earlier.',
    })
    from?: Date,
    @Args('to', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: 'Inclusive; now when omitted.',
    })
    to?: Date,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PHI_PAGE, description: '1-500.' }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'endCursor of the page before.' })
    after?: string,
  ): Promise<PhiAccessConnection> {
    const filter = phiAccessFilter(
      { claimId, actor, from, to, first: first ?? DEFAULT_PHI_PAGE, after },
      this.clock.now(),
    );
    const page = await this.log.page(filter);
    notePhiRead(context, { claimId: filter.claimId ?? null, operation: 'phiAccessLog', fields: [] });
    const edges = page.records.map((node) => ({ cursor: encodePhiCursor(node.id), node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
