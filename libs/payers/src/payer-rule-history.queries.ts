import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import { payerStreamName, type PayerRulesSnapshot } from './domain/payer.events.js';
import { payerEventsOf } from './payer.stream.js';

export interface PayerRuleChangeRecord {
  version: number;
  changedBy: string;
  changedAt: string;
  correlationId?: string;
  before: PayerRulesSnapshot | null;
  after: PayerRulesSnapshot;
}

/** Who changed a payer's rules, when, and from what: read from the payer's stream. */
@Injectable()
export class PayerRuleHistoryQueries {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Oldest first; empty for a payer never changed since rule history began. */
  async changes(payerId: string): Promise<PayerRuleChangeRecord[]> {
    const events = payerEventsOf(await this.store.readStream(payerStreamName(payerId)));
    return events.map(({ data, metadata }) => ({
      version: data.version,
      changedBy: metadata.actor,
      changedAt: metadata.occurredAt,
      ...(metadata.correlationId !== undefined && { correlationId: metadata.correlationId }),
      before: data.before,
      after: data.after,
    }));
  }
}
