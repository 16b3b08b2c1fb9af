import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClaimLedger } from './claim-ledger.js';

/** bigint comes back from pg as a string; amounts here always fit a safe integer. */
const cents = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

abstract class ClaimKeyColumns {
  @PrimaryColumn({ name: 'claim_id', type: 'text' })
  claimId!: string;

  @Column({ name: 'payer_id', type: 'text' })
  payerId!: string;

  @Column({ name: 'provider_npi', type: 'text' })
  providerNpi!: string;

  @Column({ name: 'service_date', type: 'date' })
  serviceDate!: string;

  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn!: string;
}

/** One row per claim: its milestones. Narrow on purpose: the reports scan it by date. */
@Entity('ar_claim_facts')
export class ArClaimFactEntity extends ClaimKeyColumns {
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'charge_cents', type: 'bigint', transformer: cents })
  chargeCents!: number;

  @Column({ name: 'acknowledged_on', type: 'date', nullable: true })
  acknowledgedOn!: string | null;

  @Column({ name: 'first_adjudicated_on', type: 'date', nullable: true })
  firstAdjudicatedOn!: string | null;

  @Column({ name: 'first_adjudication', type: 'text', nullable: true })
  firstAdjudication!: string | null;

  @Column({ name: 'resolved_on_first_pass', type: 'boolean' })
  resolvedOnFirstPass!: boolean;

  @Column({ name: 'rejected_before_adjudication', type: 'boolean' })
  rejectedBeforeAdjudication!: boolean;

  @Column({ name: 'pended_before_adjudication', type: 'boolean' })
  pendedBeforeAdjudication!: boolean;

  @Column({ name: 'first_paid_on', type: 'date', nullable: true })
  firstPaidOn!: string | null;
}

/**
 * The state the projection folds each claim's next events into. Apart from the facts: kilobytes a claim, which no
 * report reads, would make every scan of the facts read them too.
 */
@Entity('ar_claim_ledgers')
export class ArClaimLedgerEntity {
  @PrimaryColumn({ name: 'claim_id', type: 'text' })
  claimId!: string;

  @Column({ type: 'jsonb' })
  ledger!: ClaimLedger;
}

/** A claim's balances over a stretch of days, on the business-time or the recorded-time basis. */
@Entity('ar_balance_periods')
export class ArBalancePeriodEntity extends ClaimKeyColumns {
  @PrimaryColumn({ type: 'text' })
  basis!: string;

  @PrimaryColumn({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ name: 'insurance_cents', type: 'bigint', transformer: cents })
  insuranceCents!: number;

  @Column({ name: 'patient_cents', type: 'bigint', transformer: cents })
  patientCents!: number;

  @Column({ name: 'secondary_cents', type: 'bigint', transformer: cents })
  secondaryCents!: number;

  @Column({ name: 'secondary_payer_id', type: 'text', nullable: true })
  secondaryPayerId!: string | null;
}

@Entity('ar_denials')
export class ArDenialEntity extends ClaimKeyColumns {
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'denied_on', type: 'date' })
  deniedOn!: string;

  @Column({ name: 'group_code', type: 'text' })
  groupCode!: string;

  @Column({ type: 'text' })
  carc!: string;

  @Column({ name: 'denied_cents', type: 'bigint', transformer: cents })
  deniedCents!: number;

  @Column({ name: 'first_adjudication', type: 'boolean' })
  firstAdjudication!: boolean;

  @Column({ type: 'boolean' })
  appealed!: boolean;

  @Column({ type: 'boolean' })
  overturned!: boolean;
}

@Entity('ar_pends')
export class ArPendEntity extends ClaimKeyColumns {
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'pended_on', type: 'date' })
  pendedOn!: string;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn!: string | null;
}

/** Money that moved on a claim on one business date: charges, payer and patient payments, contractual. */
@Entity('ar_money')
export class ArMoneyEntity extends ClaimKeyColumns {
  @PrimaryColumn({ name: 'on_date', type: 'date' })
  onDate!: string;

  @Column({ name: 'charge_cents', type: 'bigint', transformer: cents })
  chargeCents!: number;

  @Column({ name: 'paid_cents', type: 'bigint', transformer: cents })
  paidCents!: number;

  @Column({ name: 'patient_paid_cents', type: 'bigint', transformer: cents })
  patientPaidCents!: number;

  @Column({ name: 'contractual_cents', type: 'bigint', transformer: cents })
  contractualCents!: number;
}

export const AR_ANALYTICS_ENTITIES = [
  ArClaimFactEntity,
  ArClaimLedgerEntity,
  ArBalancePeriodEntity,
  ArDenialEntity,
  ArPendEntity,
  ArMoneyEntity,
];
