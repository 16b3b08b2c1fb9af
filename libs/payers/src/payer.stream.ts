import type { RecordedEvent } from '@claimtrail/event-store';
import { PAYER_EVENT_VERSIONS, type PayerEvent, type PayerRulesChanged } from './domain/payer.events.js';

export type StoredPayerRulesChanged = RecordedEvent<PayerRulesChanged['data']>;

/** The payer's events as its stream stores them (PayerRulesChanged v1 is the only kind so far). */
export const payerEventsOf = (history: readonly RecordedEvent[]): StoredPayerRulesChanged[] =>
  history.filter(
    (e): e is StoredPayerRulesChanged =>
      e.type === 'PayerRulesChanged' && e.schemaVersion === PAYER_EVENT_VERSIONS.PayerRulesChanged,
  );

export const toPayerEvent = (stored: StoredPayerRulesChanged): PayerEvent => ({
  type: 'PayerRulesChanged',
  data: stored.data,
});
