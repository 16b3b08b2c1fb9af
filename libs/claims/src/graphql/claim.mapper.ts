import { insuranceBalance, patientBalance, type ExistingClaim } from '../domain/index.js';
import { Claim } from './types/claim.type.js';

/** The GraphQL view of a folded claim; used for the read model and for replays of the stream alike. */
export function toClaim(state: ExistingClaim, version: number): Claim {
  const { money } = state;
  return Object.assign(new Claim(), {
    id: state.claimId,
    status: state.status,
    payerId: state.payerId,
    payerClaimNumber: state.payerClaimNumber,
    providerNpi: state.providerNpi,
    patientRef: state.patientRef,
    serviceDate: state.serviceDateFrom,
    serviceDateTo: state.serviceDateTo,
    submittedAt: new Date(state.submittedAt),
    submissionCount: state.submissionCount,
    totalChargeCents: money.chargeCents,
    balances: {
      chargeCents: money.chargeCents,
      paidCents: money.paidCents,
      contractualAdjustmentCents: money.contractualCents,
      otherAdjustmentCents: money.otherAdjustmentCents,
      patientResponsibilityCents: money.patientResponsibilityCents,
      patientPaidCents: money.patientPaidCents,
      insuranceWrittenOffCents: money.insuranceWrittenOffCents,
      patientWrittenOffCents: money.patientWrittenOffCents,
      insuranceBalanceCents: insuranceBalance(money),
      patientBalanceCents: patientBalance(money),
    },
    deadlines: state.deadlines,
    diagnoses: state.diagnoses,
    lines: state.lines,
    rejection: state.status === 'REJECTED' ? state.rejection : undefined,
    infoRequest: state.status === 'PENDED' ? state.pend : undefined,
    denials: state.denials,
    appeals: state.appeals,
    payments: state.payments,
    patientStatements: state.statements,
    patientPayments: state.patientPayments,
    followUps: state.followUps,
    writeOffs: state.writeOffs,
    assignee: state.assignee,
    version,
  } satisfies Claim);
}
