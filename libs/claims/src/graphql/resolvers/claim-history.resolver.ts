import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import { claimStreamName } from '../../domain/index.js';
import { claimIdArgument } from '../inputs/input-rules.js';
import { ClaimHistoryEntry } from '../types/claim-history.type.js';
import { NotFoundError } from '@claimtrail/platform';

@Resolver()
export class ClaimHistoryResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query(() => [ClaimHistoryEntry], {
    description: 'Every event of a claim, as stored, straight from the event store.',
  })
  async claimHistory(@Args('id', { type: () => ID }) id: string): Promise<ClaimHistoryEntry[]> {
    const events = await this.store.readStream(claimStreamName(claimIdArgument(id)));
    if (events.length === 0) throw new NotFoundError('Claim');
    return events.map((e) => ({
      eventId: e.id,
      type: e.type,
      version: e.version,
      position: e.position,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt,
    }));
  }
}
