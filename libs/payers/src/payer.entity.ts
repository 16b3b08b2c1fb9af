import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A payer's current rules: the view of its PayerRulesChanged stream that claims read when they are filed (and
 * snapshot). Rows from before rule history have version 0 and no events.
 */
@Entity('payers')
export class PayerEntity {
  @PrimaryColumn({ name: 'payer_id', type: 'text' })
  payerId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'timely_filing_days', type: 'integer' })
  timelyFilingDays!: number;

  @Column({ name: 'appeal_window_days', type: 'integer', array: true })
  appealWindowDays!: number[];

  @Column({ name: 'response_days', type: 'integer' })
  responseDays!: number;

  /** The version of the payer's stream this row shows. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
