import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjectionCheckpoints1764201700000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1764201700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE projection_checkpoints (
      name text PRIMARY KEY,
      position text,
      events_applied bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_error text
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_checkpoints');
  }
}
