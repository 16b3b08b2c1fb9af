import type { RecordedEvent } from '@claimtrail/event-store';
import { claimDecider, upcastClaimEvent, type ClaimEvent, type ClaimState } from '../domain/index.js';
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

/** A stored event and its data as the current schema reads it (undefined: this code cannot read it). */
export interface HistoryEntry {
  recorded: RecordedEvent;
  current: ClaimEvent | undefined;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  hasNextPage: boolean;
}

/**
 * Up to `first` events from fromVersion on, each upcast on the claim as it stood before it, exactly as a fold reads
 * it; `history` starts at version 0 and may run one event past the page, which tells that another page follows.
 */
export function historyPage(
  history: readonly RecordedEvent[],
  fromVersion: number,
  first: number | undefined,
): HistoryPage {
  let state = claimDecider.initialState();
  const entries: HistoryEntry[] = [];
  for (const recorded of history) {
    const current = upcastClaimEvent(recorded, state);
    if (recorded.version >= fromVersion && (first === undefined || entries.length < first))
      entries.push({ recorded, current });
    if (current) state = claimDecider.evolve(state, current);
  }
  const lastShown = entries[entries.length - 1]?.recorded.version;
  const lastStored = history[history.length - 1]?.version;
  return { entries, hasNextPage: lastShown !== undefined && lastStored! > lastShown };
}
