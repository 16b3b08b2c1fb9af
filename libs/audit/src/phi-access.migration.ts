import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PHI access log is append-only: the application only inserts, and the triggers refuse UPDATE, DELETE and
 * TRUNCATE from anyone who is not the table's owner dropping them on purpose.
 */
export class CreatePhiAccessLog1767000000000 implements MigrationInterface {
  name = 'CreatePhiAccessLog1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE phi_access_log (
      id bigserial PRIMARY KEY,
      accessed_at timestamptz NOT NULL,
      actor text NOT NULL,
      claim_id text,
      operation text NOT NULL,
      operation_name text,
      channel text NOT NULL,
      fields text[] NOT NULL,
      request_id text
    )`);
    await queryRunner.query('CREATE INDEX phi_access_log_claim ON phi_access_log (claim_id, id)');
    await queryRunner.query('CREATE INDEX phi_access_log_actor ON phi_access_log (actor, id)');
    await queryRunner.query('CREATE INDEX phi_access_log_time ON phi_access_log (accessed_at)');
    await queryRunner.query(`CREATE FUNCTION phi_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'phi_access_log is append-only: % refused', TG_OP;
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER phi_access_log_no_change BEFORE UPDATE OR DELETE ON phi_access_log
      FOR EACH ROW EXECUTE FUNCTION phi_access_log_append_only()`);
    await queryRunner.query(`CREATE TRIGGER phi_access_log_no_truncate BEFORE TRUNCATE ON phi_access_log
      FOR EACH STATEMENT EXECUTE FUNCTION phi_access_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE phi_access_log');
    await queryRunner.query('DROP FUNCTION phi_access_log_append_only()');
  }
}
