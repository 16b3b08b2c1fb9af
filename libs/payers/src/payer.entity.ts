import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Reference data, edited directly: a payer's deadlines. Claims snapshot these rules when they are filed. */
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

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
