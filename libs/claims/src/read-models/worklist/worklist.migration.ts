import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorklist1764900100000 implements MigrationInterface {
  name = 'CreateWorklist1764900100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE worklist_items (
      claim_id text PRIMARY KEY, status text NOT NULL, assignee text, payer_id text NOT NULL,
      service_date date NOT NULL, last_submitted_on date NOT NULL, reason text, actionable_from date,
      next_action_date date, deadline date, deadline_kind text, at_stake_cents bigint NOT NULL,
      insurance_cents bigint NOT NULL, patient_cents bigint NOT NULL, state jsonb NOT NULL, version integer NOT NULL)`);
    await runner.query(
      'CREATE INDEX worklist_items_actionable_idx ON worklist_items (actionable_from) WHERE reason IS NOT NULL',
    );
    await runner.query(
      'CREATE INDEX worklist_items_assignee_idx ON worklist_items (assignee, actionable_from) WHERE reason IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE worklist_items');
  }
}
