import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CheckpointStore } from '@claimtrail/projections';
import { claimStreamName, localDateOf } from '../../domain/index.js';
import { RecentClaims } from '../../application/recent-claims.js';
import { toClaim } from '../../graphql/claim.mapper.js';
import { ClaimFilter, ClaimOrder } from '../../graphql/inputs/claim-filter.input.js';
import { claimIdArgument } from '../../graphql/inputs/input-rules.js';
import { ClaimConnection } from '../../graphql/types/claim-connection.type.js';
import { Claim } from '../../graphql/types/claim.type.js';
import type { ClaimSummaryEntity } from './claim-summary.entity.js';
import { claimSummaryProjection } from './claim-summary.projection.js';
import { ClaimSummaryQueries, DEFAULT_ORDER, encodeCursor } from './claim-summary.queries.js';
import { checkPageSize, CLOCK, ReadYourWrites, type Clock, Roles } from '@claimtrail/platform';

/** GraphQL lets a client send null for an optional filter; the query knows only absent. */
const withoutNulls = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;

const PROJECTIONS = [claimSummaryProjection.name];
const MAX_PAGE = 200;

const positionArg = {
  nullable: true,
  type: () => String,
  description: "A command's position: wait (bounded) until this view includes it.",
};

@Resolver(() => Claim)
export class ClaimSummaryResolver {
  constructor(
    private readonly queries: ClaimSummaryQueries,
    private readonly readYourWrites: ReadYourWrites,
    private readonly checkpoints: CheckpointStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recentClaims: RecentClaims,
  ) {}

  /** Which of these claims the read model quarantined, by stream name. */
  private quarantined(claimIds: readonly string[]) {
    return this.checkpoints.quarantinedAmong(claimSummaryProjection.name, claimIds.map(claimStreamName));
  }

  /** Claims from rows, each marked stale when the read model quarantined it. */
  private async toClaims(
    rows: readonly ClaimSummaryEntity[],
    stale?: Awaited<ReturnType<CheckpointStore['quarantinedAmong']>>,
  ): Promise<Claim[]> {
    const marks = stale ?? (await this.quarantined(rows.map((r) => r.claimId)));
    return rows.map((row) =>
      Object.assign(toClaim(row.state, row.version), { stale: marks.get(claimStreamName(row.claimId)) }),
    );
  }

  @Roles('biller', 'follow-up', 'auditor')
  @Query(() => Claim, { nullable: true })
  async claim(
    @Args('id', { type: () => ID }) id: string,
    @Args('atLeastPosition', positionArg) atLeastPosition?: string,
  ): Promise<Claim | null> {
    claimIdArgument(id);
    const position = this.readYourWrites.checked(atLeastPosition);
    // A command here just left the claim at that position or later: no need to wait for the projection (ADR 0014).
    const recent =
      position === undefined
        ? undefined
        : this.recentClaims.find(id, position, this.checkpoints.applied(claimSummaryProjection.name));
    if (recent) return toClaim(recent.state, recent.version);
    await this.readYourWrites.waitFor(PROJECTIONS, position);
    // The row and its quarantine entry side by side: one round trip's wait instead of two.
    const [row, stale] = await Promise.all([this.queries.findOne(id), this.quarantined([id])]);
    return row ? (await this.toClaims([row], stale))[0]! : null;
  }

  @Roles('biller', 'follow-up', 'auditor')
  @Query(() => ClaimConnection)
  async claims(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => ClaimFilter, nullable: true }) filter?: ClaimFilter,
    @Args('atLeastPosition', positionArg) atLeastPosition?: string,
    @Args('orderBy', {
      type: () => ClaimOrder,
      nullable: true,
      description: 'Newest submission first by default.',
    })
    orderBy?: ClaimOrder,
  ): Promise<ClaimConnection> {
    checkPageSize(first, MAX_PAGE);
    await this.readYourWrites.waitFor(PROJECTIONS, atLeastPosition);
    const order = { ...DEFAULT_ORDER, ...withoutNulls(orderBy ?? {}) };
    const today = localDateOf(this.clock.now().toISOString());
    const page = await this.queries.list(first, after ?? undefined, withoutNulls(filter ?? {}), order, today);
    const claims = await this.toClaims(page.rows);
    const edges = page.rows.map((row, i) => ({ cursor: encodeCursor(row, order), node: claims[i]! }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges[edges.length - 1]?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }
}
