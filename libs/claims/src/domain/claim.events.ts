import type { AdjustmentGroup, PayerRules } from './claim.money.js';

export interface ServiceLine {
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  /** 1-based pointers into the claim's diagnoses, primary first. */
  diagnosisPointers: number[];
  serviceDate: string;
}

export interface Adjustment {
  groupCode: AdjustmentGroup;
  /** Claim adjustment reason code (CARC), a string: some are alphanumeric (A1, B7, P12). */
  carc: string;
  rarcs: string[];
  amountCents: number;
  /** Set when the payer adjusted one service line rather than the claim. */
  lineNumber?: number;
}

export interface LineDenial {
  lineNumber: number;
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  deniedAmountCents: number;
}

export type ResubmissionFrequency = '1' | '7';
export type AppealOutcome = 'OVERTURNED' | 'PARTIALLY_OVERTURNED' | 'UPHELD';
export type WriteOffReason = 'CONTRACTUAL' | 'BAD_DEBT' | 'SMALL_BALANCE' | 'TIMELY_FILING' | 'OTHER';
export type FollowUpChannel = 'PHONE' | 'PORTAL' | 'EDI_276' | 'EMAIL' | 'FAX' | 'MAIL';

export interface ClaimSubmitted {
  type: 'ClaimSubmitted';
  data: {
    claimId: string;
    patientRef: string;
    providerNpi: string;
    payerId: string;
    serviceDateFrom: string;
    serviceDateTo: string;
    diagnoses: string[];
    lines: ServiceLine[];
    totalChargeCents: number;
    submittedAt: string;
    /** The payer's rules when the claim was filed, so later deadlines replay the same. */
    payerRules: PayerRules;
    /** serviceDateFrom + the payer's timely-filing days. */
    timelyFilingDeadline: string;
  };
}

export interface ClaimAcknowledged {
  type: 'ClaimAcknowledged';
  data: { payerClaimNumber: string; statusCode: string; acknowledgedAt: string };
}

export interface ClaimRejected {
  type: 'ClaimRejected';
  data: { statusCode: string; reason: string; rejectedAt: string };
}

export interface ClaimResubmitted {
  type: 'ClaimResubmitted';
  data: {
    frequencyCode: ResubmissionFrequency;
    reason: string;
    resubmittedAt: string;
    /** Present when the resubmission corrected them; the new totalChargeCents follows the lines. */
    diagnoses?: string[];
    lines?: ServiceLine[];
    totalChargeCents: number;
    serviceDateFrom: string;
    serviceDateTo: string;
  };
}

export interface ClaimPended {
  type: 'ClaimPended';
  data: { statusCode: string; requested: string; infoDueDate: string; pendedAt: string };
}

export interface AdditionalInfoSubmitted {
  type: 'AdditionalInfoSubmitted';
  data: { description: string; submittedAt: string };
}

export interface ClaimDenied {
  type: 'ClaimDenied';
  data: {
    groupCode: AdjustmentGroup;
    carc: string;
    rarcs: string[];
    deniedAmountCents: number;
    lines: LineDenial[];
    deniedOn: string;
    /** True when no payer decision (payment or denial) came before: feeds the initial denial rate. */
    firstAdjudication: boolean;
    /** Level the next appeal would be, and the last day to file it. */
    nextAppealLevel: number;
    appealDeadline: string;
  };
}

export interface ClaimAppealed {
  type: 'ClaimAppealed';
  data: { level: number; reason: string; appealedOn: string; appealDeadline: string };
}

export interface AppealDecided {
  type: 'AppealDecided';
  data: {
    level: number;
    outcome: AppealOutcome;
    decidedOn: string;
    /** When upheld and a further level exists: that level and its deadline. */
    nextAppealLevel?: number;
    nextAppealDeadline?: string;
  };
}

export interface ClaimPaid {
  type: 'ClaimPaid';
  data: {
    paymentId: string;
    paidDate: string;
    /** What the payer's remittance said was billed; equals the insurance balance it settles. */
    billedCents: number;
    paidCents: number;
    allowedCents?: number;
    adjustments: Adjustment[];
    /** Totals of the adjustments by effect on the balances, decided once so that replays add the same. */
    contractualCents: number;
    otherAdjustmentCents: number;
    patientResponsibilityCents: number;
    /** Adjustments with a denial reason: recorded, but they stay in AR (they do not reduce the balance). */
    deniedCents: number;
    outcome: 'PAID' | 'PARTIALLY_PAID';
    firstAdjudication: boolean;
    /** On a partial payment, while an appeal level remains: that level and the last day to file it. */
    nextAppealLevel?: number;
    appealDeadline?: string;
  };
}

export interface PaymentReversed {
  type: 'PaymentReversed';
  data: {
    paymentId: string;
    reason: string;
    reversedOn: string;
    /** The reversed payment's amounts, taken back exactly. */
    paidCents: number;
    contractualCents: number;
    otherAdjustmentCents: number;
    patientResponsibilityCents: number;
    statusAfter: string;
  };
}

export interface PatientBilled {
  type: 'PatientBilled';
  data: {
    statementId: string;
    amountCents: number;
    dueDate: string;
    billedOn: string;
    /** Insurance balance moved to the patient (a PR denial, e.g. non-covered with a signed notice). */
    transferredFromInsuranceCents: number;
  };
}

export interface PatientPaymentReceived {
  type: 'PatientPaymentReceived';
  data: { paymentId: string; amountCents: number; receivedOn: string; method?: string; closesClaim: boolean };
}

export interface BalanceWrittenOff {
  type: 'BalanceWrittenOff';
  data: {
    reason: WriteOffReason;
    note?: string;
    insuranceAmountCents: number;
    patientAmountCents: number;
    writtenOffOn: string;
    statusAfter: 'WRITTEN_OFF' | 'CLOSED';
  };
}

export interface ClaimVoided {
  type: 'ClaimVoided';
  data: { reason: string; voidedAt: string };
}

export interface FollowUpLogged {
  type: 'FollowUpLogged';
  data: {
    channel: FollowUpChannel;
    outcome: string;
    payerReference?: string;
    note?: string;
    nextActionDate?: string;
    loggedAt: string;
  };
}

export interface ClaimAssigned {
  type: 'ClaimAssigned';
  data: { assignee: string; assignedAt: string };
}

export type ClaimEvent =
  | ClaimSubmitted
  | ClaimAcknowledged
  | ClaimRejected
  | ClaimResubmitted
  | ClaimPended
  | AdditionalInfoSubmitted
  | ClaimDenied
  | ClaimAppealed
  | AppealDecided
  | ClaimPaid
  | PaymentReversed
  | PatientBilled
  | PatientPaymentReceived
  | BalanceWrittenOff
  | ClaimVoided
  | FollowUpLogged
  | ClaimAssigned;

export type ClaimEventType = ClaimEvent['type'];

/** The schema version written for each event type today; older versions are upcast on read. */
export const CLAIM_EVENT_SCHEMA_VERSIONS: Record<ClaimEventType, number> = {
  ClaimSubmitted: 1,
  ClaimAcknowledged: 1,
  ClaimRejected: 1,
  ClaimResubmitted: 1,
  ClaimPended: 1,
  AdditionalInfoSubmitted: 1,
  ClaimDenied: 2,
  ClaimAppealed: 1,
  AppealDecided: 1,
  ClaimPaid: 1,
  PaymentReversed: 1,
  PatientBilled: 1,
  PatientPaymentReceived: 1,
  BalanceWrittenOff: 1,
  ClaimVoided: 1,
  FollowUpLogged: 1,
  ClaimAssigned: 1,
};
