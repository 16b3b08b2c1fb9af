// The patient's share, and closing what nobody will pay.
import { invalid } from '../claim.errors.js';
import { insuranceBalance, patientBalance, secondaryBalance } from '../claim.money.js';
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
import type {
  BillPatient,
  RecordPatientPayment,
  ReferToCollections,
  WriteOffBalance,
} from './patient.commands.js';
import {
  STATEMENT_CYCLES,
  WRITE_OFF_REASONS,
  WRITE_OFF_SIDES,
  type BalanceWrittenOff,
  type PatientBilled,
  type PatientPaymentReceived,
  type PatientReferredToCollections,
  type StatementCycle,
} from './patient.events.js';

/** The cycle of the next statement, from how many were sent; undefined once the final notice went out. */
export const nextStatementCycle = (sent: number): StatementCycle | undefined => STATEMENT_CYCLES[sent];

/**
 * The patient is billed what the remittance made theirs; after a PR denial (e.g. non-covered with a signed notice)
 * the amount beyond their current balance moves over from the insurance balance. A patient-billed claim gets the next
 * statement of the cycle (second, then final notice) for what the patient still owes.
 */
export function decideBillPatient(command: BillPatient, state: ClaimState): PatientBilled {
  const claim = requireStatus(state, command.type, ['PAID', 'PARTIALLY_PAID', 'DENIED', 'PATIENT_BILLED']);
  const owed = patientBalance(claim.money);
  // A PR denial moves the denied amount to the patient. Any other denial (one upheld on appeal included) leaves the
  // insurance balance to be worked, but not the patient's share of an earlier payment, which stays theirs.
  const prDenial = claim.status === 'DENIED' && claim.denial.groupCode === 'PR';
  if (claim.status === 'DENIED' && !prDenial && owed <= 0)
    throw refuse(
      command.type,
      'only a patient-responsibility (PR) denial or the patient share of a payment can be billed to the patient',
    );
  if (claim.collectionsReferredOn !== undefined)
    throw refuse(command.type, 'the patient balance was referred to collections');
  const cycle = nextStatementCycle(claim.status === 'PATIENT_BILLED' ? claim.statements.length : 0);
  if (cycle === undefined)
    throw refuse(command.type, 'the final notice was sent: refer the balance to collections or write it off');
  if (claim.status === 'PATIENT_BILLED' && owed <= 0) throw refuse(command.type, 'the patient owes nothing');
  const billedOn = businessDate(command.occurredAt, claim);
  const statementId = checkId('statementId', command.statementId);
  if (claim.statements.some((s) => s.statementId === statementId))
    throw invalid('statementId', 'must not repeat a statement already sent for this claim');
  const transferable = prDenial ? Math.max(0, insuranceBalance(claim.money)) : 0;
  const amountCents = checkCents('amountCents', command.amountCents, 1, Math.max(0, owed) + transferable);
  const dueDate = checkDate('dueDate', command.dueDate);
  if (dueDate < billedOn) throw invalid('dueDate', 'must not be before the billing date');
  return {
    type: 'PatientBilled',
    data: {
      statementId,
      amountCents,
      dueDate,
      billedOn,
      cycle,
      transferredFromInsuranceCents: Math.max(0, amountCents - Math.max(0, owed)),
    },
  };
}

/** A payment above what the patient owes is recorded: the excess is the patient's credit, to be refunded. */
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
  const amountCents = checkCents('amountCents', command.amountCents, 1);
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

/**
 * Everything left on both sides, or a given amount of one side. Insurance write-offs take the secondary payer's
 * balance first: it is the last payer before the patient. The claim is closed once nothing is left on either side.
 */
export function decideWriteOffBalance(command: WriteOffBalance, state: ClaimState): BalanceWrittenOff {
  const claim = requireStatus(state, command.type, ['DENIED', 'PAID', 'PARTIALLY_PAID', 'PATIENT_BILLED']);
  const writtenOffOn = businessDate(command.occurredAt, claim);
  const reason = checkOneOf('reason', command.reason, WRITE_OFF_REASONS);
  const note = checkOptionalText('note', command.note);
  const insurance = Math.max(0, insuranceBalance(claim.money));
  const patient = Math.max(0, patientBalance(claim.money));
  let insuranceAmountCents = insurance;
  let patientAmountCents = patient;
  if (command.side !== undefined || command.amountCents !== undefined) {
    const side = checkOneOf('side', command.side, WRITE_OFF_SIDES);
    const left = side === 'INSURANCE' ? insurance : patient;
    if (left === 0) throw refuse(command.type, `no ${side.toLowerCase()} balance is left to write off`);
    const amount = checkCents('amountCents', command.amountCents, 1, left);
    insuranceAmountCents = side === 'INSURANCE' ? amount : 0;
    patientAmountCents = side === 'PATIENT' ? amount : 0;
  } else if (insurance === 0 && patient === 0) throw refuse(command.type, 'no balance is left to write off');
  const secondaryAmountCents = Math.min(insuranceAmountCents, Math.max(0, secondaryBalance(claim.money)));
  const nothingLeft = insuranceAmountCents === insurance && patientAmountCents === patient;
  return {
    type: 'BalanceWrittenOff',
    data: {
      reason,
      ...(note !== undefined && { note }),
      insuranceAmountCents,
      patientAmountCents,
      ...(secondaryAmountCents > 0 && { secondaryAmountCents }),
      writtenOffOn,
      statusAfter: !nothingLeft ? claim.status : claim.status === 'PATIENT_BILLED' ? 'CLOSED' : 'WRITTEN_OFF',
    },
  };
}

export function decideReferToCollections(
  command: ReferToCollections,
  state: ClaimState,
): PatientReferredToCollections {
  const claim = requireStatus(state, command.type, ['PATIENT_BILLED']);
  const referredOn = businessDate(command.occurredAt, claim);
  if (claim.collectionsReferredOn !== undefined)
    throw refuse(command.type, 'the balance was referred to collections already');
  const last = claim.statements.at(-1);
  if (last?.cycle !== 'FINAL') throw refuse(command.type, 'the final notice has not been sent');
  if (referredOn <= last.dueDate) throw refuse(command.type, 'the final notice is not past due');
  const amountCents = patientBalance(claim.money);
  if (amountCents <= 0) throw refuse(command.type, 'the patient owes nothing');
  const agency = checkOptionalText('agency', command.agency);
  return {
    type: 'PatientReferredToCollections',
    data: { referredOn, amountCents, ...(agency !== undefined && { agency }) },
  };
}
