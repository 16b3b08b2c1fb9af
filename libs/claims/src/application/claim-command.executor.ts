import { Inject, Injectable } from '@nestjs/common';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@claimtrail/event-store';
import {
  CLAIM_EVENT_SCHEMA_VERSIONS,
  claimDecider,
  ClaimError,
  claimStreamName,
  INSTANT_RULE,
  isValidInstant,
  upcastClaimEvent,
  type ClaimCommand,
  type ClaimState,
  type ExistingClaim,
} from '../domain/index.js';
import type { CommandContext, CommandResult } from './command-context.js';
import { COMMAND_OBSERVER, ignoreCommands, type CommandObserver } from './command-observer.port.js';
import { commandHash, eventIdFor, newCommandId } from './event-ids.js';
import { RecentClaims } from './recent-claims.js';
import { CLOCK, type Clock } from '@claimtrail/platform';

export const MAX_CONFLICT_RETRIES = 5;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** A command as its sender states it; the executor adds the business time. */
export type CommandBody<C extends ClaimCommand = ClaimCommand> = C extends unknown
  ? Omit<C, 'occurredAt'>
  : never;

/** The four steps of every claim command: load (fold the stream), decide, append at the expected version, return. */
@Injectable()
export class ClaimCommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMAND_OBSERVER) private readonly observer: CommandObserver = ignoreCommands,
    private readonly recent?: RecentClaims,
  ) {}

  /**
   * `known`, the stream as the caller just read it, saves the first read: the append still expects its version, so a
   * change in between is a conflict retried on a fresh read, as always.
   */
  execute(
    claimId: string,
    body: CommandBody,
    context: CommandContext,
    known?: readonly RecordedEvent[],
  ): Promise<CommandResult> {
    const commandId = context.commandId ?? newCommandId();
    const correlationId = context.correlationId ?? commandId;
    return this.observer.observe({ type: body.type, correlationId }, () =>
      this.run(claimId, body, context, { commandId, correlationId }, known),
    );
  }

  private async run(
    claimId: string,
    body: CommandBody,
    context: CommandContext,
    { commandId, correlationId }: { commandId: string; correlationId: string },
    known: readonly RecordedEvent[] | undefined,
  ): Promise<CommandResult> {
    const stream = claimStreamName(claimId);
    const occurredAt = this.businessTime(context.occurredAt);
    const command = { ...body, occurredAt } as ClaimCommand;
    // What the caller stated: payer rules are looked up, and a missing occurredAt means "now" on every attempt. The
    // sealed identity is left out: its IV is fresh on every retry, and a hash of the identity itself would outlive
    // the patient's key (names and birth dates are few enough to guess from one).
    const {
      payerRules: _looked,
      patientIdentity: _sealed,
      ...stated
    } = body as CommandBody & { payerRules?: unknown; patientIdentity?: unknown };
    const fingerprint = commandHash({ claimId, command: stated, occurredAt: context.occurredAt ?? null });
    // A new claim's stream is empty but for a mistake: submit appends expecting no stream without reading it, and a
    // conflict reads it and takes the usual path. Only with a command id minted here, which no stored event can hold:
    // the store answers an append of event ids it already has as a resend, whatever the command said.
    const guessed =
      !known &&
      command.type === 'SubmitClaim' &&
      context.expectedVersion === undefined &&
      context.commandId === undefined;
    const first = guessed ? [] : known;
    for (let attempt = 0; ; attempt++) {
      const history = attempt === 0 && first ? first : await this.store.readStream(stream);
      const earlier = history.filter((e) => e.metadata.commandId === commandId);
      if (earlier.length > 0) {
        const stored = earlier[0]!.metadata.commandHash;
        if (stored !== undefined && stored !== fingerprint) throw commandIdReused();
        return this.resultOf(claimId, earlier[earlier.length - 1]!);
      }
      const version = history.length - 1;
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        throw new ClaimError(
          'VERSION_CONFLICT',
          `The claim is at version ${version}, not ${context.expectedVersion}`,
        );
      }
      const state = fold(history);
      if (state.status === 'NONE' && command.type !== 'SubmitClaim')
        throw new ClaimError('CLAIM_NOT_FOUND', 'Claim not found', 'claimId');
      const events = claimDecider.decide(command, state);
      const toAppend: NewEvent[] = events.map((event, index) => ({
        id: eventIdFor(commandId, index),
        type: event.type,
        schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data,
        metadata: {
          actor: context.actor,
          occurredAt,
          commandId,
          commandHash: fingerprint,
          correlationId,
          causationId: commandId,
        },
      }));
      try {
        const result = await this.store.append(stream, toAppend, { expectedVersion: version });
        // The append expected `version`: the stream is exactly the history and these events.
        this.recent?.record(claimId, {
          state: events.reduce(claimDecider.evolve, state) as ExistingClaim,
          version: result.streamVersion,
          position: result.position,
        });
        return { claimId, version: result.streamVersion, position: result.position };
      } catch (error) {
        // With a stale first history, the same command may have landed meanwhile: read again before calling it reuse.
        if (error instanceof DuplicateEventIdError && !(attempt === 0 && first)) throw commandIdReused();
        if (error instanceof DuplicateEventIdError) continue;
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedVersion !== undefined || attempt >= MAX_CONFLICT_RETRIES) {
          throw new ClaimError(
            'VERSION_CONFLICT',
            'The claim was changed by another command; reload and retry',
          );
        }
        // A wrong guess is no contention: read at once.
        if (attempt === 0 && guessed) continue;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
      }
    }
  }

  /** The caller's business time, normalised; it may be back-dated (a late entry) but not ahead of the clock. */
  private businessTime(stated: string | undefined): string {
    const now = this.clock.now();
    if (stated === undefined) return now.toISOString();
    // Checked before normalising: Date.parse would quietly turn 2026-02-30 into March 2.
    if (!isValidInstant(stated))
      throw new ClaimError('VALIDATION_FAILED', `occurredAt ${INSTANT_RULE}`, 'occurredAt');
    const at = Date.parse(stated);
    if (at > now.getTime() + MAX_CLOCK_SKEW_MS)
      throw new ClaimError('VALIDATION_FAILED', 'occurredAt must not be in the future', 'occurredAt');
    return new Date(at).toISOString();
  }

  private resultOf(claimId: string, event: RecordedEvent): CommandResult {
    return { claimId, version: event.version, position: event.position };
  }
}

const commandIdReused = () =>
  new ClaimError('COMMAND_ID_REUSED', 'This commandId was already used for a different command', 'commandId');

export function fold(history: readonly RecordedEvent[]): ClaimState {
  let state = claimDecider.initialState();
  for (const recorded of history) {
    const event = upcastClaimEvent(recorded, state);
    if (event) state = claimDecider.evolve(state, event);
  }
  return state;
}
