// given/when/then over the pure decider: the events so far, a command, then the events or the refusal expected.
import type { ClaimCommand } from './claim.commands.js';
import { decide } from './claim.decide.js';
import { ClaimError, type ClaimErrorCode } from './claim.errors.js';
import type { ClaimEvent } from './claim.events.js';
import { evolve } from './claim.evolve.js';
import { initialClaimState, type ClaimState } from './claim.state.js';

export function given(events: ClaimEvent[]) {
  const state: ClaimState = events.reduce(evolve, initialClaimState);
  return {
    state,
    when(command: ClaimCommand) {
      const run = () => decide(command, state);
      return {
        then(expected: ClaimEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenThrows(code: ClaimErrorCode, field?: string) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(ClaimError);
          expect((caught as ClaimError).code).toBe(code);
          if (field !== undefined) expect((caught as ClaimError).field).toBe(field);
        },
      };
    },
  };
}
