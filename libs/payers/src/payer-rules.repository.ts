import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { MEDICARE_RULES, type PayerRules, type PayerRulesPort } from '@claimtrail/claims';
import type { PayerRulesChanged } from './domain/payer.events.js';
import type { PayerState } from './domain/payer.evolve.js';
import { PayerEntity } from './payer.entity.js';

// Applying a change at or below the row's version changes nothing, so the same change applied twice, or an older
// one applied after a newer one by a slower request, cannot take the view back.
const APPLY_CHANGE_SQL = `
INSERT INTO payers AS p (payer_id, name, timely_filing_days, appeal_window_days, response_days, version, updated_by,
                         updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (payer_id) DO UPDATE SET
  name = EXCLUDED.name, timely_filing_days = EXCLUDED.timely_filing_days,
  appeal_window_days = EXCLUDED.appeal_window_days, response_days = EXCLUDED.response_days,
  version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
WHERE p.version < EXCLUDED.version`;

/** The payers table: each payer's current rules, as the claims application reads them through its port. */
@Injectable()
export class PayerRulesRepository implements PayerRulesPort {
  private readonly repository: Repository<PayerEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.repository = dataSource.getRepository(PayerEntity);
  }

  /** The payer's rules and their version, or Medicare's (no version) where the payer is not configured. */
  async rulesFor(payerId: string): Promise<PayerRules> {
    const payer = await this.repository.findOneBy({ payerId });
    if (!payer) return MEDICARE_RULES;
    return {
      timelyFilingDays: payer.timelyFilingDays,
      appealWindowDays: payer.appealWindowDays,
      responseDays: payer.responseDays,
      version: payer.version,
    };
  }

  list(): Promise<PayerEntity[]> {
    return this.repository.find({ order: { payerId: 'ASC' } });
  }

  find(payerId: string): Promise<PayerEntity | null> {
    return this.repository.findOneBy({ payerId });
  }

  /** A payer that has no stream: none, or one configured before rule history, as version 0. */
  async stateWithoutHistory(payerId: string): Promise<PayerState> {
    const row = await this.find(payerId);
    if (!row) return { version: 0, rules: null };
    const { name, timelyFilingDays, appealWindowDays, responseDays } = row;
    return { version: 0, rules: { name, timelyFilingDays, appealWindowDays, responseDays } };
  }

  /** Brings the payer's row up to a change from its stream; idempotent, and never back to an older one. */
  async apply(change: PayerRulesChanged['data'], by: { actor: string; occurredAt: string }): Promise<void> {
    const { payerId, after, version } = change;
    await this.repository.query(APPLY_CHANGE_SQL, [
      payerId,
      after.name,
      after.timelyFilingDays,
      after.appealWindowDays,
      after.responseDays,
      version,
      by.actor,
      by.occurredAt,
    ]);
  }
}
