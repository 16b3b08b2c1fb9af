import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClaimSummaries1764201800000 implements MigrationInterface {
  name = 'CreateClaimSummaries1764201800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE claim_summaries (
      claim_id text PRIMARY KEY,
      status text NOT NULL,
      payer_id text NOT NULL,
      provider_npi text NOT NULL,
      service_date_from date NOT NULL,
      submitted_at timestamptz NOT NULL,
      total_charge_cents bigint NOT NULL,
      insurance_balance_cents bigint NOT NULL,
      patient_balance_cents bigint NOT NULL,
      assignee text,
      state jsonb NOT NULL,
      version integer NOT NULL,
      last_position text NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await queryRunner.query(
      'CREATE INDEX claim_summaries_list_idx ON claim_summaries (submitted_at, claim_id)',
    );
    await queryRunner.query(
      'CREATE INDEX claim_summaries_status_idx ON claim_summaries (status, submitted_at, claim_id)',
    );
    await queryRunner.query(
      'CREATE INDEX claim_summaries_payer_idx ON claim_summaries (payer_id, submitted_at, claim_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE claim_summaries');
  }
}
