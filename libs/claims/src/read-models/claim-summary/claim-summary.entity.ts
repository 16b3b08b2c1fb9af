import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ExistingClaim, SealedValue } from '../../domain/index.js';

const safeInteger = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? value : Number(value)),
};

/** One row per claim: the folded claim state, plus the columns lists filter and sort on. */
@Entity('claim_summaries')
@Index('claim_summaries_list_idx', ['submittedAt', 'claimId'])
@Index('claim_summaries_status_idx', ['status', 'submittedAt', 'claimId'])
@Index('claim_summaries_payer_idx', ['payerId', 'submittedAt', 'claimId'])
export class ClaimSummaryEntity {
  @PrimaryColumn({ name: 'claim_id', type: 'text' })
  claimId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'payer_id', type: 'text' })
  payerId!: string;

  @Column({ name: 'provider_npi', type: 'text' })
  providerNpi!: string;

  @Column({ name: 'service_date_from', type: 'date' })
  serviceDateFrom!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'total_charge_cents', type: 'bigint', transformer: safeInteger })
  totalChargeCents!: number;

  @Column({ name: 'insurance_balance_cents', type: 'bigint', transformer: safeInteger })
  insuranceBalanceCents!: number;

  @Column({ name: 'patient_balance_cents', type: 'bigint', transformer: safeInteger })
  patientBalanceCents!: number;

  /** Money received beyond what is owed, on every side together. */
  @Column({ name: 'credit_cents', type: 'bigint', transformer: safeInteger })
  creditCents!: number;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'next_deadline', type: 'date', nullable: true })
  nextDeadline!: string | null;

  /** Sealed with the patient key; a forgotten patient's stays here, unreadable. */
  @Column({ name: 'patient_identity', type: 'jsonb', nullable: true })
  patientIdentity!: SealedValue | null;

  @Column({ type: 'jsonb' })
  state!: ExistingClaim;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'last_position', type: 'text' })
  lastPosition!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
