import { ClaimError, type ClaimCommandType, type ClaimErrorCode } from '../domain/index.js';

/** accepted, the code of a refusal, or error for anything that is not a ClaimError (the database went away). */
export type CommandOutcome = 'accepted' | ClaimErrorCode | 'error';

/** A claim command as an observer sees it: its type and the correlation id its events carry, never its content. */
export interface ObservedCommand {
  type: ClaimCommandType;
  correlationId: string;
}

/**
 * Runs each claim command, from load to append with its conflict retries, and sees how it ended (commandOutcomeOf):
 * metrics time it, traces wrap it in a span that its append's span nests under. Implemented outside this library.
 */
export interface CommandObserver {
  observe<T>(command: ObservedCommand, run: () => Promise<T>): Promise<T>;
}

export const COMMAND_OBSERVER = Symbol('COMMAND_OBSERVER');

export const ignoreCommands: CommandObserver = { observe: (_command, run) => run() };

/** Several observers as one, the first outermost. */
export function observeCommands(...observers: CommandObserver[]): CommandObserver {
  return observers.reduceRight<CommandObserver>(
    (inner, outer) => ({
      observe: (command, run) => outer.observe(command, () => inner.observe(command, run)),
    }),
    ignoreCommands,
  );
}

export function commandOutcomeOf(error: unknown): CommandOutcome {
  return error instanceof ClaimError ? error.code : 'error';
}
