import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transaction ids become bigint (numeric order on every server, see the schema) and event ids unique across the
 * log. Stored positions keep their meaning: the text of an xid8 and of the same bigint are the same digits.
 */
export class NumericLogOrder1764800000000 implements MigrationInterface {
  name = 'NumericLogOrder1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE events
      ALTER COLUMN transaction_id DROP DEFAULT,
      ALTER COLUMN transaction_id TYPE bigint USING transaction_id::text::bigint,
      ALTER COLUMN transaction_id SET DEFAULT (pg_current_xact_id()::text::bigint)`);
    await queryRunner.query('ALTER TABLE events ADD CONSTRAINT events_event_id_key UNIQUE (event_id)');
    await queryRunner.query('ALTER TABLE events DROP CONSTRAINT events_stream_event_id_key');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE events ADD CONSTRAINT events_stream_event_id_key UNIQUE (stream_name, event_id)',
    );
    await queryRunner.query('ALTER TABLE events DROP CONSTRAINT events_event_id_key');
    await queryRunner.query(`ALTER TABLE events
      ALTER COLUMN transaction_id DROP DEFAULT,
      ALTER COLUMN transaction_id TYPE xid8 USING transaction_id::text::xid8,
      ALTER COLUMN transaction_id SET DEFAULT pg_current_xact_id()`);
  }
}
