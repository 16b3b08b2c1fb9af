import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayers1764201900000 implements MigrationInterface {
  name = 'CreatePayers1764201900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE payers (
      payer_id text PRIMARY KEY,
      name text NOT NULL,
      timely_filing_days integer NOT NULL CHECK (timely_filing_days BETWEEN 1 AND 3650),
      appeal_window_days integer[] NOT NULL,
      response_days integer NOT NULL CHECK (response_days BETWEEN 1 AND 365),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payers');
  }
}
