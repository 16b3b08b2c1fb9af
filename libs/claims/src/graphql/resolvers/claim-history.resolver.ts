import { Roles } from '@claimtrail/platform';
import { notePhiRead } from '@claimtrail/audit';
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql';
import {
  ClaimAuditQueries,
  DEFAULT_HISTORY_PAGE,
  type ClaimAtPoint,
} from '../../application/claim-audit.queries.js';
import type { HistoryEntry, HistoryPage } from '../../application/claim-replay.js';
import { CLAIM_EVENT_SCHEMA_VERSIONS, isClaimEventType } from '../../domain/index.js';
import { toClaim } from '../claim.mapper.js';
import { claimIdArgument } from '../inputs/input-rules.js';
// The reports' enum: on a claim as on a report, OCCURRED is business time and RECORDED what the system knew.
import { TimeBasis } from '../../read-models/ar-analytics/ar-reports.types.js';
import { ClaimHistoryConnection, ClaimHistoryEntry } from '../types/claim-history.type.js';
import { Claim } from '../types/claim.type.js';

const toEntry = ({ recorded: e, current }: HistoryEntry): ClaimHistoryEntry => ({
  eventId: e.id,
  type: e.type,
  version: e.version,
  position: e.position,
  schemaVersion: e.schemaVersion,
  data: e.data,
  currentSchemaVersion: isClaimEventType(e.type) ? CLAIM_EVENT_SCHEMA_VERSIONS[e.type] : null,
  currentData: current?.data ?? null,
  metadata: e.metadata,
  recordedAt: e.recordedAt,
});

const toConnection = (page: HistoryPage): ClaimHistoryConnection => {
  const edges = page.entries.map((entry) => ({
    cursor: String(entry.recorded.version),
    node: toEntry(entry),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
};

/** The same Claim the read model serves, folded from the stream; null before the claim was submitted. */
const toClaimAt = ({ state, version }: ClaimAtPoint): Claim | null =>
  state.status === 'NONE' ? null : toClaim(state, version);

/** A history holds the submission's patient data, so reading one is recorded whatever fields were selected. */
const HISTORY = ['history'];

const afterArg = {
  type: () => String,
  nullable: true,
  description: 'Cursor: the version of the last event already read.',
} as const;

/** Auditors' reads, straight from the claim's own stream rather than from a read model. */
@Resolver()
export class ClaimHistoryResolver {
  constructor(private readonly audit: ClaimAuditQueries) {}

  @Roles('auditor')
  @Query(() => [ClaimHistoryEntry], {
    description: 'Every event of a claim, as stored, straight from the event store.',
  })
  async claimHistory(
    @Context() context: object,
    @Args('id', { type: () => ID }) id: string,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: 'At most this many events (1-500); all when omitted.',
    })
    first?: number,
    @Args('after', afterArg) after?: string,
  ): Promise<ClaimHistoryEntry[]> {
    const page = await this.audit.history(claimIdArgument(id), first ?? undefined, after ?? undefined);
    notePhiRead(context, { claimId: id, operation: 'claimHistory', fields: HISTORY });
    return page.entries.map(toEntry);
  }

  @Roles('auditor')
  @Query(() => ClaimHistoryConnection, {
    description: "A claim's history one page at a time, in version order.",
  })
  async claimHistoryPage(
    @Context() context: object,
    @Args('id', { type: () => ID }) id: string,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_HISTORY_PAGE, description: '1-500.' })
    first: number,
    @Args('after', afterArg) after?: string,
  ): Promise<ClaimHistoryConnection> {
    const page = await this.audit.history(claimIdArgument(id), first, after ?? undefined);
    notePhiRead(context, { claimId: id, operation: 'claimHistoryPage', fields: HISTORY });
    return toConnection(page);
  }

  @Roles('auditor')
  @Query(() => Claim, {
    nullable: true,
    description:
      'The claim as it stood at an instant, folded from its stream; null if it was not submitted yet.',
  })
  async claimAsOf(
    @Args('id', { type: () => ID }) id: string,
    @Args('at', { type: () => GraphQLISODateTime }) at: Date,
    @Args('timeBasis', { type: () => TimeBasis, defaultValue: TimeBasis.RECORDED }) timeBasis: `${TimeBasis}`,
  ): Promise<Claim | null> {
    const axis = timeBasis === TimeBasis.OCCURRED ? 'business' : 'recorded';
    return toClaimAt(await this.audit.asOf(claimIdArgument(id), at, axis));
  }

  @Roles('auditor')
  @Query(() => Claim, { description: 'The claim as it stood right after the event with this version.' })
  async claimAtVersion(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<Claim> {
    return toClaimAt(await this.audit.atVersion(claimIdArgument(id), version))!;
  }
}
