import type { PayerRules } from '../claim.money.js';
import type { SealedValue } from '../claim.sealed.js';

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

/** Claim frequency codes (CLM05-3) a resubmission may carry, by the name the API gives them. */
export const RESUBMISSION_FREQUENCIES = {
  /** Original claim sent again after a front-end rejection. */
  ORIGINAL: '1',
  /** Replacement of a prior claim: a corrected claim. */
  CORRECTED: '7',
} as const;
export type ResubmissionFrequency = (typeof RESUBMISSION_FREQUENCIES)[keyof typeof RESUBMISSION_FREQUENCIES];

export interface ClaimSubmitted {
  type: 'ClaimSubmitted';
  data: {
    claimId: string;
    patientRef: string;
    providerNpi: string;
    payerId: string;
    /** Coordination of benefits: the payer the primary's patient share crosses over to. */
    secondaryPayerId?: string;
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
    /** The patient's name, birth date and member id, sealed with the patient's key: unreadable once forgotten. */
    patientIdentity?: SealedValue;
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

export type SubmissionEvent =
  | ClaimSubmitted
  | ClaimAcknowledged
  | ClaimRejected
  | ClaimResubmitted
  | ClaimPended
  | AdditionalInfoSubmitted;

/** The schema version written for each event today; older versions are upcast on read (claim.upcast.ts). */
export const SUBMISSION_EVENT_VERSIONS = {
  ClaimSubmitted: 1,
  ClaimAcknowledged: 1,
  ClaimRejected: 1,
  ClaimResubmitted: 1,
  ClaimPended: 1,
  AdditionalInfoSubmitted: 1,
} as const satisfies Record<SubmissionEvent['type'], number>;
