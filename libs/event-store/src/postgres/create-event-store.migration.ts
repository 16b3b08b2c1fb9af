import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POSTGRES_EVENT_STORE_DROP, POSTGRES_EVENT_STORE_SCHEMA } from './postgres-event-store.schema.js';

export class CreateEventStore1764201600000 implements MigrationInterface {
  name = 'CreateEventStore1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of POSTGRES_EVENT_STORE_SCHEMA) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of POSTGRES_EVENT_STORE_DROP) await queryRunner.query(statement);
  }
}
