import type { ClaimCommand } from './claim.commands.js';
import { decide } from './claim.decide.js';
import type { ClaimEvent } from './claim.events.js';
import { evolve } from './claim.evolve.js';
import { initialClaimState, type ClaimState } from './claim.state.js';

/** Emmett's decider: its shape and type-parameter order, declared here so that the domain imports no library. */
export interface Decider<State, Command, Event> {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

/** The claim's lifecycle as one value: the command executor and the domain specs run the same record. */
export const claimDecider: Decider<ClaimState, ClaimCommand, ClaimEvent> = {
  decide,
  evolve,
  initialState: () => initialClaimState,
};
