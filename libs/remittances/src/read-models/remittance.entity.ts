import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClaimPostingRecord } from '../posting/remittance.events.js';
import type { ProviderAdjustment } from '../x12/remittance.types.js';

const cents = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

/** One row per remittance (payer and trace number): its money, how each claim was posted, what is left to work. */
@Entity('remittances')
@Index('remittances_date_idx', ['paymentDate', 'streamName'])
export class RemittanceEntity {
  @PrimaryColumn({ name: 'stream_name', type: 'text' })
  streamName!: string;

  @Column({ name: 'payer_id', type: 'text' })
  payerId!: string;

  @Column({ name: 'payer_name', type: 'text' })
  payerName!: string;

  @Column({ name: 'trace_number', type: 'text' })
  traceNumber!: string;

  @Column({ name: 'payment_method', type: 'text' })
  paymentMethod!: string;

  @Column({ name: 'payment_date', type: 'date' })
  paymentDate!: string;

  @Column({ name: 'total_paid_cents', type: 'bigint', transformer: cents })
  totalPaidCents!: number;

  @Column({ name: 'provider_adjustment_cents', type: 'bigint', transformer: cents })
  providerAdjustmentCents!: number;

  @Column({ name: 'claims_posted', type: 'integer' })
  claimsPosted!: number;

  @Column({ name: 'unmatched_count', type: 'integer' })
  unmatchedCount!: number;

  @Column({ type: 'jsonb' })
  claims!: ClaimPostingRecord[];

  @Column({ name: 'provider_adjustments', type: 'jsonb' })
  providerAdjustments!: Omit<ProviderAdjustment, 'position'>[];

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
