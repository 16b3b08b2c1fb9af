import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE_INTEGRITY, type EventStoreIntegrity } from '@claimtrail/event-store';
import { NotFoundError, Roles } from '@claimtrail/platform';
import { claimStreamName } from '../../domain/index.js';
import { claimIdArgument } from '../inputs/input-rules.js';
import { ClaimIntegrity } from '../types/claim-integrity.type.js';

@Resolver()
export class ClaimIntegrityResolver {
  constructor(@Inject(EVENT_STORE_INTEGRITY) private readonly integrity: EventStoreIntegrity) {}

  @Roles('auditor')
  @Query(() => ClaimIntegrity, {
    description:
      "Recomputes the claim's hash chain and checks it against the log seal: whether any of its stored events was edited, deleted or moved.",
  })
  async verifyClaimIntegrity(@Args('id', { type: () => ID }) id: string): Promise<ClaimIntegrity> {
    const report = await this.integrity.verifyStream(claimStreamName(claimIdArgument(id)));
    if (report.unknown) throw new NotFoundError('Claim');
    return {
      intact: report.intact,
      checkedEvents: report.checkedEvents,
      ...(report.firstBroken ? { firstBroken: { ...report.firstBroken } } : {}),
    };
  }
}
