import type { MigrationInterface, QueryRunner } from 'typeorm';

const FACT_COLUMNS = `claim_id, payer_id, provider_npi, service_date, submitted_on, status, charge_cents, acknowledged_on,
  first_adjudicated_on, first_adjudication, resolved_on_first_pass, rejected_before_adjudication,
  pended_before_adjudication, first_paid_on`;

/**
 * Moves each claim's ledger (kilobytes of folded state no report reads) out of ar_claim_facts, which the reports
 * scan by date. The facts are copied into a new table rather than losing a column: a dropped column stays in
 * every row on disk until the row is rewritten. The covering index serves the adjudication counts (denial rates,
 * KPIs) from the index alone.
 */
export class ArClaimLedgers1765020000000 implements MigrationInterface {
  name = 'ArClaimLedgers1765020000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE ar_claim_ledgers (claim_id text PRIMARY KEY, ledger jsonb NOT NULL)');
    await runner.query(
      'INSERT INTO ar_claim_ledgers (claim_id, ledger) SELECT claim_id, ledger FROM ar_claim_facts',
    );
    await runner.query(`CREATE TABLE ar_claim_facts_narrow (
      claim_id text NOT NULL, payer_id text NOT NULL, provider_npi text NOT NULL, service_date date NOT NULL,
      submitted_on date NOT NULL, status text NOT NULL, charge_cents bigint NOT NULL, acknowledged_on date,
      first_adjudicated_on date, first_adjudication text, resolved_on_first_pass boolean NOT NULL,
      rejected_before_adjudication boolean NOT NULL, pended_before_adjudication boolean NOT NULL,
      first_paid_on date)`);
    await runner.query(
      `INSERT INTO ar_claim_facts_narrow (${FACT_COLUMNS}) SELECT ${FACT_COLUMNS} FROM ar_claim_facts`,
    );
    await runner.query('DROP TABLE ar_claim_facts');
    await runner.query('ALTER TABLE ar_claim_facts_narrow RENAME TO ar_claim_facts');
    await runner.query(
      'ALTER TABLE ar_claim_facts ADD CONSTRAINT ar_claim_facts_pkey PRIMARY KEY (claim_id)',
    );
    await runner.query('CREATE INDEX ar_claim_facts_submitted_idx ON ar_claim_facts (submitted_on)');
    await runner.query(
      `CREATE INDEX ar_claim_facts_adjudicated_idx ON ar_claim_facts (first_adjudicated_on)
       INCLUDE (payer_id, first_adjudication, resolved_on_first_pass)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ar_claim_facts_adjudicated_idx');
    await runner.query(
      'CREATE INDEX ar_claim_facts_adjudicated_idx ON ar_claim_facts (first_adjudicated_on)',
    );
    await runner.query('ALTER TABLE ar_claim_facts ADD COLUMN ledger jsonb');
    await runner.query(
      'UPDATE ar_claim_facts f SET ledger = l.ledger FROM ar_claim_ledgers l WHERE l.claim_id = f.claim_id',
    );
    await runner.query('ALTER TABLE ar_claim_facts ALTER COLUMN ledger SET NOT NULL');
    await runner.query('DROP TABLE ar_claim_ledgers');
  }
}
