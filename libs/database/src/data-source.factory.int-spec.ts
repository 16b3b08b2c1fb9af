import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openDataSource } from './data-source.factory.js';
import type { ResolvedDatabase } from './resolve-database.js';
import { createTestDatabase } from './testing/test-database.js';

// Slow on purpose, and not safe to run twice: what two processes starting together would do to each other.
class CreateLedger1700000000000 implements MigrationInterface {
  name = 'CreateLedger1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.2)');
    await queryRunner.query('CREATE TABLE ledger (id int PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ledger');
  }
}

(process.env.DATABASE_URL ? describe : describe.skip)('processes opening one fresh database at once', () => {
  let database: ResolvedDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('migrate it once, in turn, and all start', async () => {
    const opened = await Promise.all(
      Array.from({ length: 4 }, () =>
        openDataSource(database, { entities: [], migrations: [CreateLedger1700000000000] }),
      ),
    );
    const [applied] = await opened[0]!.query('SELECT count(*)::int AS n FROM migrations');
    expect(applied.n).toBe(1);
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
  });
});
