import {
  CLAIM_EVENT_SCHEMA_VERSIONS,
  claimDecider,
  claimStreamName,
  type ClaimCommand,
  type ClaimEvent,
  type ClaimState,
} from '@claimtrail/claims';
import type { BookClaim } from './book.types.js';

/** A claim event as the executor would append it, short of the ids and metadata a writer adds. */
export interface BookEvent {
  streamName: string;
  /** 0-based position of the event in its stream. */
  version: number;
  type: ClaimEvent['type'];
  schemaVersion: number;
  data: ClaimEvent['data'];
  /** Business time: the command's occurredAt, for metadata.occurredAt. */
  occurredAt: string;
  /** The command that decided it: with the event's index in that command, what the executor derives ids from. */
  commandId: string;
  indexInCommand: number;
}

/**
 * Runs a generated claim through the pure decider (decide, then evolve, step by step, each at its occurredAt) and
 * returns its events and final state. No I/O, no clock, no ids: the result depends on the claim alone. Throws the
 * decider's ClaimError if a step is refused (a generator bug, never expected).
 */
export function replayBookClaim(claim: BookClaim): { events: BookEvent[]; state: ClaimState } {
  const streamName = claimStreamName(claim.claimId);
  const events: BookEvent[] = [];
  let state = claimDecider.initialState();
  for (const step of claim.steps) {
    const command = { ...step.body, occurredAt: step.occurredAt } as ClaimCommand;
    const decided = claimDecider.decide(command, state);
    for (let i = 0; i < decided.length; i++) {
      const event = decided[i]!;
      state = claimDecider.evolve(state, event);
      events.push({
        streamName,
        version: events.length,
        type: event.type,
        schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data,
        occurredAt: step.occurredAt,
        commandId: step.commandId,
        indexInCommand: i,
      });
    }
  }
  return { events, state };
}

/**
 * The events of a generated claim, for writers that bypass the command bus (bulk loads, benchmarks): the very events
 * the executor would append for the same steps, in stream order. Fast enough for millions of events (one decide and
 * one evolve per step, no copies beyond the state's own); a bulk writer iterates the book and appends per stream:
 *
 *   for (const claim of generateBook({ claims, seed, today })) append(bookEvents(claim));
 *
 * A bulk writer must also create the book's payers (book.payers) if it wants them listed; claims carry their rules.
 */
export function bookEvents(claim: BookClaim): BookEvent[] {
  return replayBookClaim(claim).events;
}
