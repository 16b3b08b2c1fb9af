import type { Timed } from '../claim.timed.js';
import type { WriteOffReason, WriteOffSide } from './patient.events.js';

export interface BillPatient extends Timed {
  type: 'BillPatient';
  statementId: string;
  amountCents: number;
  dueDate: string;
}

export interface RecordPatientPayment extends Timed {
  type: 'RecordPatientPayment';
  paymentId: string;
  amountCents: number;
  method?: string;
}

/** Everything left on both sides, or, with side and amountCents, that much of one side. */
export interface WriteOffBalance extends Timed {
  type: 'WriteOffBalance';
  reason: WriteOffReason;
  note?: string;
  side?: WriteOffSide;
  amountCents?: number;
}

/** After the final notice went unpaid past its due date: the patient balance goes to a collection agency. */
export interface ReferToCollections extends Timed {
  type: 'ReferToCollections';
  agency?: string;
}

export type PatientCommand = BillPatient | RecordPatientPayment | WriteOffBalance | ReferToCollections;
