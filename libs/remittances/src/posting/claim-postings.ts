import { Inject, Injectable } from '@nestjs/common';
import {
  CLAIM_ID_PATTERN,
  ClaimCommandExecutor,
  ClaimError,
  claimDecider,
  claimStreamName,
  fold,
  localDateOf,
  PATIENT_VAULT,
  type ClaimCommand,
  type ClaimState,
  type CommandBody,
  type IdentityToSeal,
  type PatientVaultPort,
} from '@claimtrail/claims';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@claimtrail/event-store';
import { CLOCK, mapConcurrent, type Clock } from '@claimtrail/platform';
import type { Posting, PostingRefusal } from './remittance-posting.js';
import type { ClaimPostingOutcome } from './remittance.events.js';

/** One line of a file that changes one claim: the command id that makes it idempotent, and how to post it. */
export interface PostingRequest {
  claimId: string;
  commandId: string;
  /** The command on the claim as it stands (after the file's earlier lines for the same claim). */
  postingFor(state: ClaimState, today: string): Posting;
}

export interface PlannedPosting<R extends PostingRequest = PostingRequest> {
  request: R;
  body?: CommandBody;
  refusal?: PostingRefusal;
  outcome: ClaimPostingOutcome;
  /** The identity the line names, for the claim's patient: in memory until post seals it into the body. */
  patient?: IdentityToSeal;
  /** The claim's stream as the plan read it, handed to the executor to save a read; on the claim's first line only. */
  known?: readonly RecordedEvent[];
}

const CONCURRENCY = 16;

/**
 * Posts a file's lines through the claim command executor in two steps. plan: every line decided in file order on
 * its claim's state with the same pure decider the API uses (nothing is written, so a file with a refused line can
 * post nothing at all). post: claims in parallel, each claim's lines in file order, each with its own command id, so
 * a line posted by an earlier import is recognised and not posted again.
 */
@Injectable()
export class ClaimPostings {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly executor: ClaimCommandExecutor,
    @Inject(PATIENT_VAULT) private readonly vault: PatientVaultPort,
  ) {}

  async plan<R extends PostingRequest>(requests: readonly R[]): Promise<PlannedPosting<R>[]> {
    const claimIds = [...new Set(requests.map((r) => r.claimId))];
    const histories = await this.readClaims(claimIds);
    const states = new Map<string, ClaimState>([...histories].map(([id, events]) => [id, fold(events)]));
    const occurredAt = this.clock.now().toISOString();
    const today = localDateOf(occurredAt);
    const unread = new Set(claimIds);
    const known = (claimId: string) => (unread.delete(claimId) ? { known: histories.get(claimId)! } : {});
    return requests.map((request): PlannedPosting<R> => {
      if (histories.get(request.claimId)!.some((e) => e.metadata.commandId === request.commandId))
        return { request, outcome: 'ALREADY_POSTED' };
      const state = states.get(request.claimId)!;
      const posting = request.postingFor(state, today);
      if ('refusal' in posting) return { request, refusal: posting.refusal, outcome: 'UNMATCHED' };
      if ('alreadyDone' in posting) return { request, outcome: 'ALREADY_POSTED' };
      try {
        const events = claimDecider.decide({ ...posting.body, occurredAt } as ClaimCommand, state);
        states.set(request.claimId, events.reduce(claimDecider.evolve, state));
        // A claim's patientRef never changes, so the plan's state names the key the identity is sealed with.
        const patient =
          posting.patient && state.status !== 'NONE'
            ? { patient: { patientRef: state.patientRef, identity: posting.patient } }
            : {};
        return { request, body: posting.body, outcome: 'NOT_POSTED', ...patient, ...known(request.claimId) };
      } catch (error) {
        if (!(error instanceof ClaimError)) throw error;
        return { request, refusal: { rule: error.code, message: error.message }, outcome: 'UNMATCHED' };
      }
    });
  }

  /** Posts what the plan decided; each posted line's outcome becomes POSTED. */
  async post(
    plan: readonly PlannedPosting[],
    actor: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<void> {
    const byClaim = new Map<string, PlannedPosting[]>();
    for (const p of plan.filter((p) => p.body))
      byClaim.set(p.request.claimId, [...(byClaim.get(p.request.claimId) ?? []), p]);
    const total = plan.filter((p) => p.body).length;
    await this.sealIdentities(plan);
    let done = 0;
    await mapConcurrent([...byClaim], CONCURRENCY, async ([claimId, lines]) => {
      for (const p of lines) {
        try {
          await this.executor.execute(claimId, p.body!, { actor, commandId: p.request.commandId }, p.known);
          p.outcome = 'POSTED';
        } catch (error) {
          // Another command changed the claim since the plan: the line stays unposted; importing again finishes it.
          if (!(error instanceof ClaimError)) throw error;
          p.refusal = { rule: error.code, message: error.message };
          break;
        } finally {
          onProgress?.(++done, total);
        }
      }
    });
  }

  /**
   * Seals every identity the file names into its payment, with one vault call for the whole file. A forgotten
   * patient's payment is posted without one: the money matters, and their identity must not come back.
   */
  private async sealIdentities(plan: readonly PlannedPosting[]): Promise<void> {
    const named = plan.filter((p) => p.patient !== undefined && p.body?.type === 'RecordPayment');
    if (named.length === 0) return;
    const sealed = await this.vault.sealMany(named.map((p) => p.patient!));
    named.forEach((p, i) => {
      const patientIdentity = sealed[i];
      if (patientIdentity && p.body?.type === 'RecordPayment') p.body = { ...p.body, patientIdentity };
    });
    for (const p of plan) delete p.patient;
  }

  /** Every claim of the file in a few round trips; a patient control number that cannot be a claim id is not ours. */
  private async readClaims(claimIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const ours = claimIds.filter((id) => CLAIM_ID_PATTERN.test(id));
    const streams = await this.store.readStreams(ours.map(claimStreamName));
    return new Map(claimIds.map((id) => [id, streams.get(claimStreamName(id)) ?? []]));
  }
}
