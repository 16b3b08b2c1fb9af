import type { RecordedEvent } from '@claimtrail/event-store';
import { rowProjection, type RowProjection } from '@claimtrail/projections';
import {
  addDays,
  claimIdOfStream,
  evolve,
  initialClaimState,
  insuranceBalance,
  localDateOf,
  patientBalance,
  secondaryBalance,
  totalCredit,
  upcastClaimEvent,
  type ExistingClaim,
} from '../../domain/index.js';
import { WorklistItemEntity } from './worklist-item.entity.js';

export type WorkReason =
  | 'CREDIT_BALANCE'
  | 'NO_RESPONSE'
  | 'REJECTED'
  | 'PENDED'
  | 'DENIED'
  | 'UNDERPAID'
  | 'SECONDARY_NO_RESPONSE'
  | 'BILL_PATIENT'
  | 'PATIENT_BALANCE_OVERDUE'
  | 'REFER_TO_COLLECTIONS';
export type DeadlineKind = 'TIMELY_FILING' | 'APPEAL' | 'INFO_DUE';

export interface WorkItem {
  reason: WorkReason;
  /** The day the claim starts needing a human (a follow-up's next action date can push it later). */
  actionableFrom: string;
  deadline: string | null;
  deadlineKind: DeadlineKind | null;
  atStakeCents: number;
}

const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);

const lastMoneyOn = (claim: ExistingClaim, fallback: string): string =>
  [...claim.payments.map((p) => p.paidDate), ...claim.patientPayments.map((p) => p.receivedOn)].reduce(
    later,
    fallback,
  );

/**
 * Pure: why a claim needs work and from when. A credit balance first, on any claim (money to pay back is a
 * compliance risk). Then, on open claims: no payer response within the payer's usual days after the
 * last submission or appeal; a front-end rejection to correct within timely filing; information the payer asked
 * for; a denial or an underpayment to appeal within its window; a patient share to bill, or a statement past due.
 */
export function workItemOf(claim: ExistingClaim, lastSubmittedOn: string): WorkItem | undefined {
  const insurance = insuranceBalance(claim.money);
  const patient = patientBalance(claim.money);
  const secondary = secondaryBalance(claim.money);
  const credit = totalCredit(claim.money);
  const responseDue = (from: string) => addDays(from, claim.payerRules.responseDays);
  const lastPaidOn = claim.payments.at(-1)?.paidDate ?? lastSubmittedOn;
  const item = (
    reason: WorkReason,
    actionableFrom: string,
    deadlineKind: DeadlineKind | null = null,
    deadline: string | null = null,
  ): WorkItem => ({
    reason,
    actionableFrom: later(actionableFrom, claim.followUps.at(-1)?.nextActionDate),
    deadline,
    deadlineKind: deadline === null ? null : deadlineKind,
    atStakeCents: atStake(reason),
  });
  function atStake(reason: WorkReason): number {
    if (reason === 'CREDIT_BALANCE') return credit;
    if (reason === 'SECONDARY_NO_RESPONSE') return secondary;
    const patientWork = ['BILL_PATIENT', 'PATIENT_BALANCE_OVERDUE', 'REFER_TO_COLLECTIONS'];
    return patientWork.includes(reason) ? patient : insurance;
  }
  if (credit > 0 && claim.status !== 'VOIDED')
    return item('CREDIT_BALANCE', lastMoneyOn(claim, lastSubmittedOn));
  const appeal = claim.deadlines.appeal?.deadline ?? null;
  switch (claim.status) {
    case 'SUBMITTED':
      return item('NO_RESPONSE', responseDue(lastSubmittedOn), 'TIMELY_FILING', claim.deadlines.timelyFiling);
    case 'ACCEPTED':
      return item('NO_RESPONSE', responseDue(lastSubmittedOn));
    case 'APPEALED':
      return item('NO_RESPONSE', responseDue(claim.appeal.appealedOn));
    case 'REJECTED':
      return item(
        'REJECTED',
        localDateOf(claim.rejection.rejectedAt),
        'TIMELY_FILING',
        claim.deadlines.timelyFiling,
      );
    case 'PENDED':
      return item('PENDED', localDateOf(claim.pend.pendedAt), 'INFO_DUE', claim.pend.infoDueDate);
    case 'DENIED':
      return item('DENIED', claim.denial.deniedOn, 'APPEAL', appeal);
    case 'PARTIALLY_PAID':
    case 'PAID':
      if (insurance - secondary > 0) return item('UNDERPAID', lastPaidOn, 'APPEAL', appeal);
      if (secondary > 0) return item('SECONDARY_NO_RESPONSE', responseDue(lastPaidOn));
      return patient > 0 ? item('BILL_PATIENT', lastPaidOn) : undefined;
    case 'PATIENT_BILLED': {
      if (patient <= 0 || claim.collectionsReferredOn !== undefined) return undefined;
      const overdue = addDays(claim.statement.dueDate, 1);
      return claim.statement.cycle === 'FINAL'
        ? item('REFER_TO_COLLECTIONS', overdue)
        : item('PATIENT_BALANCE_OVERDUE', overdue);
    }
    default:
      return undefined;
  }
}

/** Pure: the claim's worklist row after one of its events. */
export function projectWorklistItem(
  row: WorklistItemEntity | undefined,
  recorded: RecordedEvent,
): WorklistItemEntity | undefined {
  const before = row?.state ?? initialClaimState;
  const event = upcastClaimEvent(recorded, before);
  if (!event) return row;
  const state = evolve(before, event);
  if (state.status === 'NONE') return row;
  const lastSubmittedOn =
    event.type === 'ClaimSubmitted' || event.type === 'ClaimResubmitted'
      ? localDateOf(recorded.metadata.occurredAt)
      : row!.lastSubmittedOn;
  const work = workItemOf(state, lastSubmittedOn);
  return Object.assign(new WorklistItemEntity(), {
    claimId: state.claimId,
    status: state.status,
    assignee: state.assignee ?? null,
    payerId: state.payerId,
    serviceDate: state.serviceDateFrom,
    lastSubmittedOn,
    reason: work?.reason ?? null,
    actionableFrom: work?.actionableFrom ?? null,
    nextActionDate: state.followUps.at(-1)?.nextActionDate ?? null,
    deadline: work?.deadline ?? null,
    deadlineKind: work?.deadlineKind ?? null,
    atStakeCents: work?.atStakeCents ?? 0,
    insuranceCents: insuranceBalance(state.money),
    patientCents: patientBalance(state.money),
    state,
    version: recorded.version,
  });
}

export const worklistRows: RowProjection<WorklistItemEntity> = {
  name: 'worklist',
  entity: WorklistItemEntity,
  keyOf: claimIdOfStream,
  apply: projectWorklistItem,
};

export const worklistProjection = rowProjection(worklistRows);
