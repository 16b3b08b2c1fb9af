// The patient's share, and closing what nobody will pay.
import { invalid } from '../claim.errors.js';
import { insuranceBalance, patientBalance } from '../claim.money.js';
import type { ClaimState } from '../claim.state.js';
import {
  businessDate,
  checkCents,
  checkDate,
  checkId,
  checkOneOf,
  checkOptionalText,
  refuse,
  requireStatus,
} from '../claim.validate.js';
import type { BillPatient, RecordPatientPayment, WriteOffBalance } from './patient.commands.js';
import {
  WRITE_OFF_REASONS,
  type BalanceWrittenOff,
  type PatientBilled,
  type PatientPaymentReceived,
} from './patient.events.js';

/**
 * The patient is billed what the remittance made theirs; after a PR denial (e.g. non-covered with a signed notice)
 * the amount beyond their current balance moves over from the insurance balance.
 */
export function decideBillPatient(command: BillPatient, state: ClaimState): PatientBilled {
  const claim = requireStatus(state, command.type, ['PAID', 'PARTIALLY_PAID', 'DENIED']);
  const owed = patientBalance(claim.money);
  // A PR denial moves the denied amount to the patient. Any other denial (one upheld on appeal included) leaves the
  // insurance balance to be worked, but not the patient's share of an earlier payment, which stays theirs.
  const prDenial = claim.status === 'DENIED' && claim.denial.groupCode === 'PR';
  if (claim.status === 'DENIED' && !prDenial && owed === 0)
    throw refuse(
      command.type,
      'only a patient-responsibility (PR) denial or the patient share of a payment can be billed to the patient',
    );
  const billedOn = businessDate(command.occurredAt, claim);
  const statementId = checkId('statementId', command.statementId);
  if (claim.statements.some((s) => s.statementId === statementId))
    throw invalid('statementId', 'must not repeat a statement already sent for this claim');
  const transferable = prDenial ? insuranceBalance(claim.money) : 0;
  const amountCents = checkCents('amountCents', command.amountCents, 1, owed + transferable);
  const dueDate = checkDate('dueDate', command.dueDate);
  if (dueDate < billedOn) throw invalid('dueDate', 'must not be before the billing date');
  return {
    type: 'PatientBilled',
    data: {
      statementId,
      amountCents,
      dueDate,
      billedOn,
      transferredFromInsuranceCents: Math.max(0, amountCents - owed),
    },
  };
}

export function decideRecordPatientPayment(
  command: RecordPatientPayment,
  state: ClaimState,
): PatientPaymentReceived {
  const claim = requireStatus(state, command.type, ['PATIENT_BILLED']);
  const receivedOn = businessDate(command.occurredAt, claim);
  const paymentId = checkId('paymentId', command.paymentId);
  if (claim.patientPayments.some((p) => p.paymentId === paymentId))
    throw invalid('paymentId', 'must not repeat a patient payment already recorded on this claim');
  const owed = patientBalance(claim.money);
  const amountCents = checkCents('amountCents', command.amountCents, 1, owed);
  const method = checkOptionalText('method', command.method);
  return {
    type: 'PatientPaymentReceived',
    data: {
      paymentId,
      amountCents,
      receivedOn,
      ...(method !== undefined && { method }),
      closesClaim: amountCents === owed && insuranceBalance(claim.money) === 0,
    },
  };
}

export function decideWriteOffBalance(command: WriteOffBalance, state: ClaimState): BalanceWrittenOff {
  const claim = requireStatus(state, command.type, ['DENIED', 'PARTIALLY_PAID', 'PATIENT_BILLED']);
  const writtenOffOn = businessDate(command.occurredAt, claim);
  const reason = checkOneOf('reason', command.reason, WRITE_OFF_REASONS);
  const note = checkOptionalText('note', command.note);
  const insuranceAmountCents = insuranceBalance(claim.money);
  const patientAmountCents = patientBalance(claim.money);
  if (insuranceAmountCents <= 0 && patientAmountCents <= 0)
    throw refuse(command.type, 'no balance is left to write off');
  return {
    type: 'BalanceWrittenOff',
    data: {
      reason,
      ...(note !== undefined && { note }),
      insuranceAmountCents,
      patientAmountCents,
      writtenOffOn,
      statusAfter: claim.status === 'PATIENT_BILLED' ? 'CLOSED' : 'WRITTEN_OFF',
    },
  };
}
