import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRemittances1765000100000 implements MigrationInterface {
  name = 'CreateRemittances1765000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE remittances (
      stream_name text PRIMARY KEY, payer_id text NOT NULL, payer_name text NOT NULL, trace_number text NOT NULL,
      payment_method text NOT NULL, payment_date date NOT NULL, total_paid_cents bigint NOT NULL,
      provider_adjustment_cents bigint NOT NULL, claims_posted integer NOT NULL, unmatched_count integer NOT NULL,
      claims jsonb NOT NULL, provider_adjustments jsonb NOT NULL, imported_at timestamptz NOT NULL)`);
    await runner.query('CREATE INDEX remittances_date_idx ON remittances (payment_date, stream_name)');
    await runner.query(
      'CREATE INDEX remittances_unmatched_idx ON remittances (payment_date, stream_name) WHERE unmatched_count > 0',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE remittances');
  }
}
