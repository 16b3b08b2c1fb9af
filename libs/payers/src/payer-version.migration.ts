import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payers configured before rule history had no events: they start at version 0; every change since counts from 1. */
export class PayerRulesVersion1767100000000 implements MigrationInterface {
  name = 'PayerRulesVersion1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE payers ADD COLUMN version integer NOT NULL DEFAULT 0 CHECK (version >= 0)',
    );
    await queryRunner.query('ALTER TABLE payers ALTER COLUMN version DROP DEFAULT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE payers DROP COLUMN version');
  }
}
