import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjectionQuarantine1764800100000 implements MigrationInterface {
  name = 'CreateProjectionQuarantine1764800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE projection_quarantine (
      projection text NOT NULL,
      stream_name text COLLATE "C" NOT NULL,
      position text NOT NULL,
      event_type text NOT NULL,
      error_class text NOT NULL,
      quarantined_at timestamptz NOT NULL DEFAULT now(),
      retries integer NOT NULL DEFAULT 0,
      PRIMARY KEY (projection, stream_name)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_quarantine');
  }
}
