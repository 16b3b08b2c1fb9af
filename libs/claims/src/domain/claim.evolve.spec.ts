import {
  appealDecided,
  claimAcknowledged,
  claimAssigned,
  claimOf,
  claimSubmitted,
  deepFreeze,
  history,
  paymentReversed,
  stateOf,
} from '../testing/index.js';
import type { ClaimEvent } from './claim.events.js';
import { evolve } from './claim.evolve.js';
import { initialClaimState } from './claim.state.js';

describe('evolve', () => {
  it('starts a claim with its charge, deadlines and empty histories', () => {
    expect(stateOf([claimSubmitted()])).toMatchObject({
      status: 'SUBMITTED',
      submissionCount: 1,
      adjudicated: false,
      money: { chargeCents: 100_000, paidCents: 0 },
      deadlines: { timelyFiling: '2027-03-02' },
      payments: [],
      followUps: [],
    });
  });

  it('returns new states and never changes the one it was given', () => {
    const events = history.closed();
    let state = deepFreeze(stateOf([]));
    for (const event of events) state = deepFreeze(evolve(state, event));
    expect(state.status).toBe('CLOSED');
  });

  it('replays the same events to the same state', () => {
    expect(stateOf(history.closed())).toEqual(stateOf(history.closed()));
  });

  it('ignores events that need a claim when there is none', () => {
    expect(evolve(initialClaimState, claimAcknowledged())).toBe(initialClaimState);
  });

  it('ignores a second ClaimSubmitted', () => {
    const state = stateOf(history.accepted());
    expect(evolve(state, claimSubmitted())).toBe(state);
  });

  it('ignores an event type it does not know', () => {
    const state = stateOf(history.accepted());
    expect(evolve(state, { type: 'ClaimTeleported', data: {} } as unknown as ClaimEvent)).toBe(state);
  });

  it('ignores a reversal of a payment the claim does not have', () => {
    const state = stateOf(history.paid());
    expect(evolve(state, paymentReversed({ paymentId: 'PAY-9' }))).toBe(state);
  });

  it('ignores an appeal decision when no appeal is open', () => {
    const state = stateOf(history.denied());
    expect(evolve(state, appealDecided())).toBe(state);
  });

  it('keeps the status-specific facts through work that does not change the status', () => {
    expect(claimOf([...history.pended(), claimAssigned()])).toMatchObject({
      status: 'PENDED',
      pend: { infoDueDate: '2026-04-19' },
      assignee: 'biller-7',
    });
  });
});
