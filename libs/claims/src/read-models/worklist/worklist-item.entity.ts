import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExistingClaim } from '../../domain/index.js';

const cents = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

/** One row per open claim: why and from when it needs a human, the deadline it protects, the money at stake. */
@Entity('worklist_items')
export class WorklistItemEntity {
  @PrimaryColumn({ name: 'claim_id', type: 'text' })
  claimId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'payer_id', type: 'text' })
  payerId!: string;

  @Column({ name: 'service_date', type: 'date' })
  serviceDate!: string;

  @Column({ name: 'last_submitted_on', type: 'date' })
  lastSubmittedOn!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'actionable_from', type: 'date', nullable: true })
  actionableFrom!: string | null;

  @Column({ name: 'next_action_date', type: 'date', nullable: true })
  nextActionDate!: string | null;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Column({ name: 'deadline_kind', type: 'text', nullable: true })
  deadlineKind!: string | null;

  @Column({ name: 'at_stake_cents', type: 'bigint', transformer: cents })
  atStakeCents!: number;

  @Column({ name: 'insurance_cents', type: 'bigint', transformer: cents })
  insuranceCents!: number;

  @Column({ name: 'patient_cents', type: 'bigint', transformer: cents })
  patientCents!: number;

  @Column({ type: 'jsonb' })
  state!: ExistingClaim;

  @Column({ type: 'integer' })
  version!: number;
}
