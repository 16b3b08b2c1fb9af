// given/when/then over the claim decider: the events so far, a command, then the events or the refusal expected.
import {
  claimDecider,
  ClaimError,
  type ClaimCommand,
  type ClaimErrorCode,
  type ClaimEvent,
  type ClaimState,
  type ExistingClaim,
} from '../domain/index.js';

const { decide, evolve, initialState } = claimDecider;

/** The state after the events, as the command handler would fold it. */
export const stateOf = (events: ClaimEvent[]): ClaimState => events.reduce(evolve, initialState());

export function given(events: ClaimEvent[]) {
  const state = stateOf(events);
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

/** The claim after the events; fails the spec if they do not make one. */
export function claimOf(events: ClaimEvent[]): ExistingClaim {
  const state = stateOf(events);
  if (state.status === 'NONE') throw new Error('expected the events to make a claim');
  return state;
}

/** Decides each command in turn on the state the previous events left, as a live claim would. */
export function play(
  start: ClaimEvent[],
  commands: ClaimCommand[],
): { events: ClaimEvent[]; state: ClaimState } {
  const events = [...start];
  for (const command of commands) events.push(...decide(command, stateOf(events)));
  return { events, state: stateOf(events) };
}
