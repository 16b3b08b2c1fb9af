import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEYS = `claim_id text NOT NULL, payer_id text NOT NULL, provider_npi text NOT NULL, service_date date NOT NULL,
  submitted_on date NOT NULL`;

export class CreateArAnalytics1764900000000 implements MigrationInterface {
  name = 'CreateArAnalytics1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE ar_claim_facts (${KEYS},
      status text NOT NULL, charge_cents bigint NOT NULL, acknowledged_on date, first_adjudicated_on date,
      first_adjudication text, resolved_on_first_pass boolean NOT NULL, rejected_before_adjudication boolean NOT NULL,
      pended_before_adjudication boolean NOT NULL, first_paid_on date, ledger jsonb NOT NULL,
      PRIMARY KEY (claim_id))`);
    await runner.query('CREATE INDEX ar_claim_facts_submitted_idx ON ar_claim_facts (submitted_on)');
    await runner.query(
      'CREATE INDEX ar_claim_facts_adjudicated_idx ON ar_claim_facts (first_adjudicated_on)',
    );
    await runner.query(`CREATE TABLE ar_balance_periods (${KEYS},
      basis text NOT NULL, valid_from date NOT NULL, valid_to date, insurance_cents bigint NOT NULL,
      patient_cents bigint NOT NULL, PRIMARY KEY (claim_id, basis, valid_from))`);
    await runner.query(
      'CREATE INDEX ar_balance_periods_as_of_idx ON ar_balance_periods (basis, valid_from, valid_to)',
    );
    await runner.query(
      'CREATE INDEX ar_balance_periods_current_idx ON ar_balance_periods (basis) WHERE valid_to IS NULL',
    );
    await runner.query(`CREATE TABLE ar_denials (${KEYS},
      seq integer NOT NULL, denied_on date NOT NULL, group_code text NOT NULL, carc text NOT NULL,
      denied_cents bigint NOT NULL, first_adjudication boolean NOT NULL, appealed boolean NOT NULL,
      overturned boolean NOT NULL, PRIMARY KEY (claim_id, seq))`);
    await runner.query('CREATE INDEX ar_denials_denied_on_idx ON ar_denials (denied_on)');
    await runner.query(`CREATE TABLE ar_pends (${KEYS},
      seq integer NOT NULL, pended_on date NOT NULL, resolved_on date, PRIMARY KEY (claim_id, seq))`);
    await runner.query('CREATE INDEX ar_pends_pended_on_idx ON ar_pends (pended_on)');
    await runner.query(`CREATE TABLE ar_money (${KEYS},
      on_date date NOT NULL, charge_cents bigint NOT NULL, paid_cents bigint NOT NULL,
      patient_paid_cents bigint NOT NULL, contractual_cents bigint NOT NULL, PRIMARY KEY (claim_id, on_date))`);
    await runner.query('CREATE INDEX ar_money_on_date_idx ON ar_money (on_date)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['ar_money', 'ar_pends', 'ar_denials', 'ar_balance_periods', 'ar_claim_facts'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
