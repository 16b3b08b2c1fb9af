import type {
  BalanceWrittenOff,
  BillPatient,
  PatientBilled,
  PatientPaymentReceived,
  RecordPatientPayment,
  ReferToCollections,
  WriteOffBalance,
} from '../domain/index.js';
import { AT, dateOf } from './claim-story.js';

export const billPatient = (overrides: Partial<BillPatient> = {}): BillPatient => ({
  type: 'BillPatient',
  statementId: 'STM-1',
  amountCents: 15_000,
  dueDate: '2026-07-01',
  occurredAt: AT.patientBilled,
  ...overrides,
});

export const patientBilled = (overrides: Partial<PatientBilled['data']> = {}): PatientBilled => ({
  type: 'PatientBilled',
  data: {
    statementId: 'STM-1',
    amountCents: 15_000,
    dueDate: '2026-07-01',
    billedOn: dateOf(AT.patientBilled),
    cycle: 'FIRST',
    transferredFromInsuranceCents: 0,
    ...overrides,
  },
});

export const recordPatientPayment = (
  overrides: Partial<RecordPatientPayment> = {},
): RecordPatientPayment => ({
  type: 'RecordPatientPayment',
  paymentId: 'PP-1',
  amountCents: 15_000,
  occurredAt: AT.patientPaid,
  ...overrides,
});

export const patientPaymentReceived = (
  overrides: Partial<PatientPaymentReceived['data']> = {},
): PatientPaymentReceived => ({
  type: 'PatientPaymentReceived',
  data: {
    paymentId: 'PP-1',
    amountCents: 15_000,
    receivedOn: dateOf(AT.patientPaid),
    closesClaim: true,
    ...overrides,
  },
});

export const writeOffBalance = (overrides: Partial<WriteOffBalance> = {}): WriteOffBalance => ({
  type: 'WriteOffBalance',
  reason: 'BAD_DEBT',
  occurredAt: AT.writtenOff,
  ...overrides,
});

export const balanceWrittenOff = (overrides: Partial<BalanceWrittenOff['data']> = {}): BalanceWrittenOff => ({
  type: 'BalanceWrittenOff',
  data: {
    reason: 'BAD_DEBT',
    insuranceAmountCents: 100_000,
    patientAmountCents: 0,
    writtenOffOn: dateOf(AT.writtenOff),
    statusAfter: 'WRITTEN_OFF',
    ...overrides,
  },
});

export const referToCollections = (overrides: Partial<ReferToCollections> = {}): ReferToCollections => ({
  type: 'ReferToCollections',
  agency: 'Acme Recovery',
  occurredAt: AT.patientPaid,
  ...overrides,
});
