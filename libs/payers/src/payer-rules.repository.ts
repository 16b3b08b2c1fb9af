import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { MEDICARE_RULES, type PayerRules, type PayerRulesPort } from '@claimtrail/claims';
import { PayerEntity } from './payer.entity.js';

export interface PayerUpsert {
  payerId: string;
  name: string;
  timelyFilingDays?: number;
  appealWindowDays?: number[];
  responseDays?: number;
}

/** The claims application's payer rules, kept as editable reference data in PostgreSQL. */
@Injectable()
export class PayerRulesRepository implements PayerRulesPort {
  private readonly repository: Repository<PayerEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.repository = dataSource.getRepository(PayerEntity);
  }

  /** The payer's rules, or Medicare's where the payer is not configured. */
  async rulesFor(payerId: string): Promise<PayerRules> {
    const payer = await this.repository.findOneBy({ payerId });
    if (!payer) return MEDICARE_RULES;
    return {
      timelyFilingDays: payer.timelyFilingDays,
      appealWindowDays: payer.appealWindowDays,
      responseDays: payer.responseDays,
    };
  }

  list(): Promise<PayerEntity[]> {
    return this.repository.find({ order: { payerId: 'ASC' } });
  }

  /** Rules left out keep their current value, or Medicare's for a new payer. */
  async upsert(change: PayerUpsert, actor: string, now: Date): Promise<PayerEntity> {
    const current = await this.repository.findOneBy({ payerId: change.payerId });
    const base = current ?? { ...MEDICARE_RULES };
    const payer = Object.assign(new PayerEntity(), {
      payerId: change.payerId,
      name: change.name,
      timelyFilingDays: change.timelyFilingDays ?? base.timelyFilingDays,
      appealWindowDays: change.appealWindowDays ?? base.appealWindowDays,
      responseDays: change.responseDays ?? base.responseDays,
      updatedBy: actor,
      updatedAt: now,
    });
    await this.repository.save(payer);
    return payer;
  }
}
