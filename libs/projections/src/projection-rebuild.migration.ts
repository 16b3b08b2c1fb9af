import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per rebuild under way: who may start one, and how far it has got (for status, health and the CLI). */
export class CreateProjectionRebuilds1765000000000 implements MigrationInterface {
  name = 'CreateProjectionRebuilds1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE projection_rebuilds (
      name text PRIMARY KEY,
      started_at timestamptz NOT NULL DEFAULT now(),
      heartbeat_at timestamptz NOT NULL DEFAULT now(),
      events_applied bigint NOT NULL DEFAULT 0,
      events_expected bigint NOT NULL DEFAULT 0
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_rebuilds');
  }
}
