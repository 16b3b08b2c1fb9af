import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which master key wrapped each patient key, so that a rotation knows what is left to rewrap (NULL: unknown). */
export class AddPatientMasterKeyIds1767100200000 implements MigrationInterface {
  name = 'AddPatientMasterKeyIds1767100200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE patient_keys ADD COLUMN master_key_id text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE patient_keys DROP COLUMN master_key_id');
  }
}
