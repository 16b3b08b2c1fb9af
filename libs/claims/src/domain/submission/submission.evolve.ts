import { addDays, zeroMoney } from '../claim.money.js';
import { filingDeadlineOnly, recordOf, type ClaimState, type ExistingClaim } from '../claim.state.js';
import type {
  ClaimAcknowledged,
  ClaimPended,
  ClaimRejected,
  ClaimResubmitted,
  ClaimSubmitted,
} from './submission.events.js';

/** A claim starts here; a second ClaimSubmitted on the same stream changes nothing. */
export function onClaimSubmitted(state: ClaimState, data: ClaimSubmitted['data']): ClaimState {
  if (state.status !== 'NONE') return state;
  return {
    status: 'SUBMITTED',
    claimId: data.claimId,
    patientRef: data.patientRef,
    ...(data.patientIdentity !== undefined && { patientIdentity: data.patientIdentity }),
    providerNpi: data.providerNpi,
    payerId: data.payerId,
    ...(data.secondaryPayerId !== undefined && { secondaryPayerId: data.secondaryPayerId }),
    payerRules: data.payerRules,
    serviceDateFrom: data.serviceDateFrom,
    serviceDateTo: data.serviceDateTo,
    diagnoses: data.diagnoses,
    lines: data.lines,
    submittedAt: data.submittedAt,
    submissionCount: 1,
    adjudicated: false,
    money: zeroMoney(data.totalChargeCents),
    deadlines: { timelyFiling: data.timelyFilingDeadline },
    denials: [],
    appeals: [],
    payments: [],
    statements: [],
    patientPayments: [],
    followUps: [],
    writeOffs: [],
  };
}

export function onClaimAcknowledged(state: ExistingClaim, data: ClaimAcknowledged['data']): ClaimState {
  const claim = recordOf(state);
  return {
    ...claim,
    status: 'ACCEPTED',
    payerClaimNumber: data.payerClaimNumber,
    deadlines: filingDeadlineOnly(claim),
  };
}

export function onClaimRejected(state: ExistingClaim, data: ClaimRejected['data']): ClaimState {
  const claim = recordOf(state);
  return { ...claim, status: 'REJECTED', rejection: { ...data }, deadlines: filingDeadlineOnly(claim) };
}

export function onClaimResubmitted(state: ExistingClaim, data: ClaimResubmitted['data']): ClaimState {
  const claim = recordOf(state);
  return {
    ...claim,
    status: 'SUBMITTED',
    diagnoses: data.diagnoses ?? claim.diagnoses,
    lines: data.lines ?? claim.lines,
    serviceDateFrom: data.serviceDateFrom,
    serviceDateTo: data.serviceDateTo,
    submissionCount: claim.submissionCount + 1,
    money: { ...claim.money, chargeCents: data.totalChargeCents },
    deadlines: { timelyFiling: addDays(data.serviceDateFrom, claim.payerRules.timelyFilingDays) },
  };
}

export function onClaimPended(state: ExistingClaim, data: ClaimPended['data']): ClaimState {
  const claim = recordOf(state);
  return {
    ...claim,
    status: 'PENDED',
    pend: { ...data },
    deadlines: { ...filingDeadlineOnly(claim), infoDue: data.infoDueDate },
  };
}

export function onAdditionalInfoSubmitted(state: ExistingClaim): ClaimState {
  const claim = recordOf(state);
  return { ...claim, status: 'ACCEPTED', deadlines: filingDeadlineOnly(claim) };
}
