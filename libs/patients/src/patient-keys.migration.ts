import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One data key per patient, wrapped by the master key; forgetting a patient overwrites it with NULL. The audit of
 * forgetting and holds is append-only, as the PHI access log is: its triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export class CreatePatientKeys1767100100000 implements MigrationInterface {
  name = 'CreatePatientKeys1767100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE patient_keys (
      patient_ref text PRIMARY KEY,
      wrapped_key bytea,
      created_at timestamptz NOT NULL,
      legal_hold boolean NOT NULL DEFAULT false,
      legal_hold_reason text,
      forgotten_at timestamptz,
      forgotten_by text,
      CONSTRAINT patient_keys_forgotten_has_no_key CHECK (forgotten_at IS NULL OR wrapped_key IS NULL),
      CONSTRAINT patient_keys_key_until_forgotten CHECK (forgotten_at IS NOT NULL OR wrapped_key IS NOT NULL)
    )`);
    await queryRunner.query(`CREATE TABLE patient_key_audit (
      id bigserial PRIMARY KEY,
      patient_ref text NOT NULL,
      action text NOT NULL,
      actor text NOT NULL,
      reason text NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX patient_key_audit_patient ON patient_key_audit (patient_ref, id)');
    await queryRunner.query(`CREATE FUNCTION patient_key_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'patient_key_audit is append-only: % refused', TG_OP;
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER patient_key_audit_no_change BEFORE UPDATE OR DELETE ON patient_key_audit
      FOR EACH ROW EXECUTE FUNCTION patient_key_audit_append_only()`);
    await queryRunner.query(`CREATE TRIGGER patient_key_audit_no_truncate BEFORE TRUNCATE ON patient_key_audit
      FOR EACH STATEMENT EXECUTE FUNCTION patient_key_audit_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE patient_key_audit');
    await queryRunner.query('DROP FUNCTION patient_key_audit_append_only()');
    await queryRunner.query('DROP TABLE patient_keys');
  }
}
