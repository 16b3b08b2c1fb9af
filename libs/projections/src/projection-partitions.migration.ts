import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One checkpoint per projection and partition (ADR 0012); the checkpoints there were become partition 0 of 1. The
 * projector workers' leases on partitions, and their heartbeats (how many workers share the partitions).
 */
export class AddProjectionPartitions1767200000000 implements MigrationInterface {
  name = 'AddProjectionPartitions1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE projection_checkpoints
      ADD COLUMN partition integer NOT NULL DEFAULT 0,
      ADD COLUMN partitions integer NOT NULL DEFAULT 1,
      ADD CONSTRAINT projection_checkpoints_partition_check CHECK (partition >= 0 AND partition < partitions)`);
    await queryRunner.query(`ALTER TABLE projection_checkpoints
      DROP CONSTRAINT projection_checkpoints_pkey, ADD PRIMARY KEY (name, partition)`);
    await queryRunner.query(`CREATE TABLE projector_leases (
      partition integer PRIMARY KEY,
      owner text NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE projector_workers (
      owner text PRIMARY KEY,
      expires_at timestamptz NOT NULL
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projector_workers');
    await queryRunner.query('DROP TABLE projector_leases');
    await queryRunner.query('DELETE FROM projection_checkpoints WHERE partition > 0');
    await queryRunner.query(`ALTER TABLE projection_checkpoints
      DROP CONSTRAINT projection_checkpoints_pkey, ADD PRIMARY KEY (name)`);
    await queryRunner.query(`ALTER TABLE projection_checkpoints
      DROP CONSTRAINT projection_checkpoints_partition_check, DROP COLUMN partitions, DROP COLUMN partition`);
  }
}
