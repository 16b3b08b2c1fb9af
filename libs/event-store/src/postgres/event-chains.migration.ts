import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventHashSql } from '../integrity/event-chain.js';
import { LOG_SEALS_INDEX, LOG_SEALS_TABLE } from './postgres-event-store.schema.js';

/**
 * Tamper evidence (ADR 0005): every stored event gets its stream-chained hash, computed here by the same SQL the
 * append statements use, in stream and version order; the log seal starts empty and the sealer seals the whole log.
 */
export class EventChains1765000000000 implements MigrationInterface {
  name = 'EventChains1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE events ADD COLUMN hash bytea');
    const step = (previous: string) =>
      eventHashSql(previous, {
        streamName: 'e.stream_name',
        version: 'e.version',
        eventId: 'e.event_id',
        type: 'e.type',
        schemaVersion: 'e.schema_version',
        data: 'e.data',
        metadata: 'e.metadata',
      });
    // One level per version: each step joins the next version of every stream through the unique key.
    await queryRunner.query(`WITH RECURSIVE chain AS (
        SELECT e.position, e.stream_name, e.version, ${step('NULL::bytea')} AS hash FROM events e WHERE e.version = 0
        UNION ALL
        SELECT e.position, e.stream_name, e.version, ${step('chain.hash')}
        FROM chain JOIN events e ON e.stream_name = chain.stream_name AND e.version = chain.version + 1
      )
      UPDATE events SET hash = chain.hash FROM chain WHERE events.position = chain.position`);
    await queryRunner.query('ALTER TABLE events ALTER COLUMN hash SET NOT NULL');
    await queryRunner.query(LOG_SEALS_TABLE);
    await queryRunner.query(LOG_SEALS_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS log_seals');
    await queryRunner.query('ALTER TABLE events DROP COLUMN hash');
  }
}
