import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POSTGRES_EVENT_STORE_DROP } from './postgres-event-store.schema.js';

/** The events table as first released; kept as it ran, later shapes are migrations of their own. */
export class CreateEventStore1764201600000 implements MigrationInterface {
  name = 'CreateEventStore1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS events (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_name text COLLATE "C" NOT NULL,
      version bigint NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_stream_version_key UNIQUE (stream_name, version),
      CONSTRAINT events_stream_event_id_key UNIQUE (stream_name, event_id)
    )`);
    await queryRunner.query(
      'CREATE INDEX IF NOT EXISTS events_log_order_idx ON events (transaction_id, position)',
    );
    await queryRunner.query(
      'CREATE INDEX IF NOT EXISTS events_type_log_order_idx ON events (type, transaction_id, position)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of POSTGRES_EVENT_STORE_DROP) await queryRunner.query(statement);
  }
}
