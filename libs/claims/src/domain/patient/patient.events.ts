export const WRITE_OFF_REASONS = [
  'CONTRACTUAL',
  'BAD_DEBT',
  'SMALL_BALANCE',
  'TIMELY_FILING',
  'OTHER',
] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

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

export type PatientEvent = PatientBilled | PatientPaymentReceived | BalanceWrittenOff;

/** The schema version written for each event today; older versions are upcast on read (claim.upcast.ts). */
export const PATIENT_EVENT_VERSIONS = {
  PatientBilled: 1,
  PatientPaymentReceived: 1,
  BalanceWrittenOff: 1,
} as const satisfies Record<PatientEvent['type'], number>;
