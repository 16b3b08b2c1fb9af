import { addMoney } from '../claim.money.js';
import { filingDeadlineOnly, recordOf, type ClaimState, type ExistingClaim } from '../claim.state.js';
import type {
  BalanceWrittenOff,
  PatientBilled,
  PatientPaymentReceived,
  PatientReferredToCollections,
} from './patient.events.js';

export function onPatientBilled(state: ExistingClaim, data: PatientBilled['data']): ClaimState {
  const claim = recordOf(state);
  const { transferredFromInsuranceCents, ...statement } = data;
  return {
    ...claim,
    status: 'PATIENT_BILLED',
    statement,
    statements: [...claim.statements, statement],
    money: addMoney(claim.money, { patientResponsibilityCents: transferredFromInsuranceCents }),
    deadlines: filingDeadlineOnly(claim),
  };
}

/** A part payment keeps the claim as it was; the one that settles both balances closes it. */
export function onPatientPaymentReceived(
  state: ExistingClaim,
  data: PatientPaymentReceived['data'],
): ClaimState {
  const claim = recordOf(state);
  const { closesClaim, ...payment } = data;
  const next = {
    money: addMoney(claim.money, { patientPaidCents: payment.amountCents }),
    patientPayments: [...claim.patientPayments, payment],
  };
  return closesClaim
    ? { ...claim, ...next, status: 'CLOSED', deadlines: filingDeadlineOnly(claim) }
    : { ...state, ...next };
}

/** Closes the claim when nothing is left; a partial write-off leaves it as it was. */
export function onBalanceWrittenOff(state: ExistingClaim, data: BalanceWrittenOff['data']): ClaimState {
  const claim = recordOf(state);
  const { statusAfter, secondaryAmountCents, ...writeOff } = data;
  const next = {
    money: addMoney(claim.money, {
      insuranceWrittenOffCents: writeOff.insuranceAmountCents,
      patientWrittenOffCents: writeOff.patientAmountCents,
      secondaryWrittenOffCents: secondaryAmountCents ?? 0,
    }),
    writeOffs: [...claim.writeOffs, writeOff],
  };
  if (statusAfter === 'WRITTEN_OFF' || statusAfter === 'CLOSED')
    return { ...claim, ...next, status: statusAfter, deadlines: filingDeadlineOnly(claim) };
  return { ...state, ...next };
}

export function onPatientReferredToCollections(
  state: ExistingClaim,
  data: PatientReferredToCollections['data'],
): ClaimState {
  return { ...state, collectionsReferredOn: data.referredOn };
}
