import type { AdjustmentGroup, CreditSide } from '../claim.money.js';
import type { SealedValue } from '../claim.sealed.js';

export const CREDIT_RESOLUTIONS = ['REFUND', 'OFFSET'] as const;
export type CreditResolution = (typeof CREDIT_RESOLUTIONS)[number];

export interface Adjustment {
  groupCode: AdjustmentGroup;
  /** Claim adjustment reason code (CARC), a string: some are alphanumeric (A1, B7, P12). */
  carc: string;
  rarcs: string[];
  /** Negative when the payer reverses an earlier adjustment (a CAS reversal). */
  amountCents: number;
  /** Set when the payer adjusted one service line rather than the claim. */
  lineNumber?: number;
}

export interface LinePayment {
  lineNumber: number;
  billedCents: number;
  paidCents: number;
}

export interface ClaimPaid {
  type: 'ClaimPaid';
  data: {
    paymentId: string;
    paidDate: string;
    /** Absent on the primary's remittances (every one before coordination of benefits). */
    payer?: 'SECONDARY';
    /** Set when this remittance forwarded the claim to a secondary payer the claim did not name yet. */
    secondaryPayerId?: string;
    /** What the payer's remittance said was billed (CLP03). */
    billedCents: number;
    paidCents: number;
    allowedCents?: number;
    adjustments: Adjustment[];
    /** Service lines as the remittance adjudicated them (SVC), when it reported them. */
    lines?: LinePayment[];
    /**
     * Totals of the adjustments by effect on the balances, decided once so that replays add the same. An adjustment
     * never takes a payer's balance below zero (only money received makes a credit), so these can be less than the
     * adjustments listed, on a duplicate remittance for example.
     */
    contractualCents: number;
    otherAdjustmentCents: number;
    patientResponsibilityCents: number;
    /** The patient share that crossed over to the secondary payer instead of the patient. */
    crossedOverCents?: number;
    /** Of an appeal's extra payment, the contractual adjustment it took back (included in contractualCents). */
    appealRecoveredCents?: number;
    /** Paid beyond what the payer owed on its first remittance, with nothing adjusted: a credit balance. */
    overpaidCents?: number;
    /** Adjustments with a denial reason: recorded, but they stay in AR (they do not reduce the balance). */
    deniedCents: number;
    outcome: 'PAID' | 'PARTIALLY_PAID';
    firstAdjudication: boolean;
    /** On a partial payment, while an appeal level remains: that level and the last day to file it. */
    nextAppealLevel?: number;
    appealDeadline?: string;
    /** The payer's view of the patient (name, member id), sealed with the patient's key: unreadable once forgotten. */
    patientIdentity?: SealedValue;
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
    crossedOverCents?: number;
    payer?: 'SECONDARY';
    statusAfter: string;
  };
}

export interface CreditResolved {
  type: 'CreditResolved';
  data: {
    refundId: string;
    side: CreditSide;
    method: CreditResolution;
    amountCents: number;
    reference?: string;
    resolvedOn: string;
    /** CLOSED when the refund leaves a patient-billed claim owing nothing on any side. */
    closesClaim: boolean;
  };
}

export type PaymentEvent = ClaimPaid | PaymentReversed | CreditResolved;

/** The schema version written for each event today; older versions are upcast on read (claim.upcast.ts). */
export const PAYMENT_EVENT_VERSIONS = {
  ClaimPaid: 1,
  PaymentReversed: 1,
  CreditResolved: 1,
} as const satisfies Record<PaymentEvent['type'], number>;
