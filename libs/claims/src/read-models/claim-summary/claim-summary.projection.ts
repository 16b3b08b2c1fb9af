import type { RecordedEvent } from '@claimtrail/event-store';
import { rowProjection, type RowProjection } from '@claimtrail/projections';
import {
  claimIdOfStream,
  evolve,
  initialClaimState,
  insuranceBalance,
  patientBalance,
  totalCredit,
  upcastClaimEvent,
  type ClaimState,
  type ExistingClaim,
} from '../../domain/index.js';
import { ClaimSummaryEntity } from './claim-summary.entity.js';

/**
 * The nearest deadline still to be met: an appeal window or information due while open, and timely filing while the
 * claim is not filed (submitted without an answer yet, or rejected); none once the claim is closed.
 */
export function nextDeadlineOf(state: ExistingClaim): string | null {
  if (state.status === 'WRITTEN_OFF' || state.status === 'CLOSED' || state.status === 'VOIDED') return null;
  const candidates = [
    state.deadlines.appeal?.deadline,
    state.deadlines.infoDue,
    state.status === 'SUBMITTED' || state.status === 'REJECTED' ? state.deadlines.timelyFiling : undefined,
  ].filter((date): date is string => date !== undefined);
  return candidates.length === 0 ? null : candidates.sort()[0]!;
}

/** Pure: the claim's row after one of its events, folded with the domain's own evolve so the two cannot disagree. */
export function projectClaimSummary(
  row: ClaimSummaryEntity | undefined,
  recorded: RecordedEvent,
): ClaimSummaryEntity | undefined {
  const before: ClaimState = row?.state ?? initialClaimState;
  const event = upcastClaimEvent(recorded, before);
  if (!event) return row;
  const state = evolve(before, event);
  if (state.status === 'NONE') return row;
  return Object.assign(new ClaimSummaryEntity(), {
    claimId: state.claimId,
    status: state.status,
    payerId: state.payerId,
    providerNpi: state.providerNpi,
    serviceDateFrom: state.serviceDateFrom,
    submittedAt: new Date(state.submittedAt),
    totalChargeCents: state.money.chargeCents,
    insuranceBalanceCents: insuranceBalance(state.money),
    patientBalanceCents: patientBalance(state.money),
    creditCents: totalCredit(state.money),
    assignee: state.assignee ?? null,
    nextDeadline: nextDeadlineOf(state),
    patientIdentity: state.patientIdentity ?? null,
    state,
    version: recorded.version,
    lastPosition: recorded.position,
    updatedAt: new Date(recorded.recordedAt),
  });
}

export const claimSummaryRows: RowProjection<ClaimSummaryEntity> = {
  name: 'claim_summaries',
  entity: ClaimSummaryEntity,
  keyOf: claimIdOfStream,
  apply: projectClaimSummary,
};

export const claimSummaryProjection = rowProjection(claimSummaryRows);
