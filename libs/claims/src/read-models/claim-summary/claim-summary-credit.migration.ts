import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Credit balances, a compliance report of their own: claims made before credits existed have none. */
export class ClaimSummaryCredit1765000000000 implements MigrationInterface {
  name = 'ClaimSummaryCredit1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE claim_summaries ADD COLUMN credit_cents bigint NOT NULL DEFAULT 0');
    await runner.query(
      'CREATE INDEX claim_summaries_credit_idx ON claim_summaries (credit_cents, claim_id) WHERE credit_cents > 0',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX claim_summaries_credit_idx');
    await runner.query('ALTER TABLE claim_summaries DROP COLUMN credit_cents');
  }
}
