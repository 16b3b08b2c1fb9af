import type { RecordedEvent } from '@claimtrail/event-store';
import type { ClaimState } from '../domain/index.js';
import { fold } from './claim-command.executor.js';

export type TimeAxis = 'recorded' | 'business';

/**
 * The claim as it stood at an instant: on the recorded axis, what the system knew then (an audit); on the business
 * axis, what had happened by then as the events themselves say (for back-dated entries such as a late remittance).
 */
export function claimAsOf(
  history: readonly RecordedEvent[],
  asOf: string,
  axis: TimeAxis = 'recorded',
): { state: ClaimState; version: number } {
  const limit = Date.parse(asOf);
  const when = (e: RecordedEvent) => Date.parse(axis === 'recorded' ? e.recordedAt : e.metadata.occurredAt);
  const included = history.filter((e) => when(e) <= limit);
  return {
    state: fold(included),
    version: included.length === 0 ? -1 : included[included.length - 1]!.version,
  };
}
