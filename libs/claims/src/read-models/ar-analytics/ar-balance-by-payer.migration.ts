import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The secondary payer's part of each balance period, so aging by payer shows it under the payer who owes it. */
export class ArBalanceByPayer1765030000000 implements MigrationInterface {
  name = 'ArBalanceByPayer1765030000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ar_balance_periods
      ADD COLUMN secondary_cents bigint NOT NULL DEFAULT 0, ADD COLUMN secondary_payer_id text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE ar_balance_periods DROP COLUMN secondary_cents, DROP COLUMN secondary_payer_id',
    );
  }
}
