import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aging as of a past day reads the periods still open plus those that ended after that day (see OPEN_AT): this index
 * finds the second part without reading every period that ever existed.
 */
export class ArBalancePeriodEnds1765010000000 implements MigrationInterface {
  name = 'ArBalancePeriodEnds1765010000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE INDEX ar_balance_periods_ends_idx ON ar_balance_periods (basis, valid_to) WHERE valid_to IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ar_balance_periods_ends_idx');
  }
}
