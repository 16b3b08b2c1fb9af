import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The patient's identity as the claim carries it: sealed with the patient key, never in the clear. */
export class ClaimSummaryPatientIdentity1767100000000 implements MigrationInterface {
  name = 'ClaimSummaryPatientIdentity1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE claim_summaries ADD COLUMN patient_identity jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE claim_summaries DROP COLUMN patient_identity');
  }
}
