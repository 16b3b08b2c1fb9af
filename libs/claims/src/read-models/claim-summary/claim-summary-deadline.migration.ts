import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The nearest open deadline of each claim, for lists filtered and sorted by it; existing rows computed from state. */
export class ClaimSummaryNextDeadline1764900200000 implements MigrationInterface {
  name = 'ClaimSummaryNextDeadline1764900200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE claim_summaries ADD COLUMN next_deadline date');
    await runner.query(`UPDATE claim_summaries SET next_deadline = LEAST(
        (state->'deadlines'->'appeal'->>'deadline')::date,
        (state->'deadlines'->>'infoDue')::date,
        CASE WHEN status IN ('SUBMITTED', 'REJECTED') THEN (state->'deadlines'->>'timelyFiling')::date END)
      WHERE status NOT IN ('WRITTEN_OFF', 'CLOSED', 'VOIDED')`);
    await runner.query(
      'CREATE INDEX claim_summaries_balance_idx ON claim_summaries ((insurance_balance_cents + patient_balance_cents), claim_id)',
    );
    await runner.query(
      'CREATE INDEX claim_summaries_service_idx ON claim_summaries (service_date_from, claim_id)',
    );
    await runner.query(
      "CREATE INDEX claim_summaries_deadline_idx ON claim_summaries ((coalesce(next_deadline, '9999-12-31')), claim_id)",
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX claim_summaries_deadline_idx');
    await runner.query('DROP INDEX claim_summaries_service_idx');
    await runner.query('DROP INDEX claim_summaries_balance_idx');
    await runner.query('ALTER TABLE claim_summaries DROP COLUMN next_deadline');
  }
}
