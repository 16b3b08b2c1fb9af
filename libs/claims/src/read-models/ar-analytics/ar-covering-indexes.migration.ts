import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The AR overview sums the balances open now and the KPIs sum the money of the period on every load. Both indexes
 * now carry every column those sums read, so PostgreSQL answers from the index alone instead of visiting one heap
 * page per row (at 200,000 claims the open balances took 25,000 page reads and about 0.6 s, against 40 ms).
 */
export class ArCoveringIndexes1767300000000 implements MigrationInterface {
  name = 'ArCoveringIndexes1767300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX ar_balance_periods_open_idx ON ar_balance_periods (basis, valid_from)
         INCLUDE (payer_id, provider_npi, service_date, submitted_on, insurance_cents, patient_cents,
                  secondary_cents, secondary_payer_id)
         WHERE valid_to IS NULL`,
    );
    await runner.query('DROP INDEX ar_balance_periods_current_idx');
    await runner.query(
      `CREATE INDEX ar_money_on_date_covering_idx ON ar_money (on_date)
         INCLUDE (charge_cents, contractual_cents, paid_cents, patient_paid_cents)`,
    );
    await runner.query('DROP INDEX ar_money_on_date_idx');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX ar_money_on_date_idx ON ar_money (on_date)');
    await runner.query('DROP INDEX ar_money_on_date_covering_idx');
    await runner.query(
      'CREATE INDEX ar_balance_periods_current_idx ON ar_balance_periods (basis) WHERE valid_to IS NULL',
    );
    await runner.query('DROP INDEX ar_balance_periods_open_idx');
  }
}
