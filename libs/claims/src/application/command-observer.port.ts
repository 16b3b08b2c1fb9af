import { ClaimError, type ClaimCommandType, type ClaimErrorCode } from '../domain/index.js';

/** accepted, the code of a refusal, or error for anything that is not a ClaimError (the database went away). */
export type CommandOutcome = 'accepted' | ClaimErrorCode | 'error';

/** Told how each claim command ended, and how long it took; metrics implement it outside this library. */
export interface CommandObserver {
  commandExecuted(command: ClaimCommandType, outcome: CommandOutcome, durationSeconds: number): void;
}

export const COMMAND_OBSERVER = Symbol('COMMAND_OBSERVER');

export const ignoreCommands: CommandObserver = { commandExecuted: () => {} };

export function commandOutcomeOf(error: unknown): CommandOutcome {
  return error instanceof ClaimError ? error.code : 'error';
}
