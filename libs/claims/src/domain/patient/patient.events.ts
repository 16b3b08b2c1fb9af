export const WRITE_OFF_REASONS = [
  'CONTRACTUAL',
  'SMALL_BALANCE',
  'BAD_DEBT',
  'CHARITY',
  'ADMINISTRATIVE',
  'TIMELY_FILING',
  'OTHER',
] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

export const WRITE_OFF_SIDES = ['INSURANCE', 'PATIENT'] as const;
export type WriteOffSide = (typeof WRITE_OFF_SIDES)[number];

/** Patient statements go out in cycles: a first statement, a second, a final notice; then collections. */
export const STATEMENT_CYCLES = ['FIRST', 'SECOND', 'FINAL'] as const;
export type StatementCycle = (typeof STATEMENT_CYCLES)[number];

export interface PatientBilled {
  type: 'PatientBilled';
  data: {
    statementId: string;
    amountCents: number;
    dueDate: string;
    billedOn: string;
    cycle: StatementCycle;
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
    /** The part of insuranceAmountCents the secondary payer owed: its balance is written off first. */
    secondaryAmountCents?: number;
    writtenOffOn: string;
    /** WRITTEN_OFF (CLOSED once the patient was billed) when nothing is left; the status unchanged otherwise. */
    statusAfter: string;
  };
}

export interface PatientReferredToCollections {
  type: 'PatientReferredToCollections';
  data: { referredOn: string; amountCents: number; agency?: string };
}

export type PatientEvent =
  PatientBilled | PatientPaymentReceived | BalanceWrittenOff | PatientReferredToCollections;

/** The schema version written for each event today; older versions are upcast on read (claim.upcast.ts). */
export const PATIENT_EVENT_VERSIONS = {
  PatientBilled: 2,
  PatientPaymentReceived: 1,
  BalanceWrittenOff: 1,
  PatientReferredToCollections: 1,
} as const satisfies Record<PatientEvent['type'], number>;
