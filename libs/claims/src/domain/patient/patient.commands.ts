import type { Timed } from '../claim.timed.js';
import type { WriteOffReason } from './patient.events.js';

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

export interface WriteOffBalance extends Timed {
  type: 'WriteOffBalance';
  reason: WriteOffReason;
  note?: string;
}

export type PatientCommand = BillPatient | RecordPatientPayment | WriteOffBalance;
