import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { resolveDatabase, type ResolvedDatabase } from '../resolve-database.js';

/**
 * A fresh, empty database for one test file: a new database on the PostgreSQL server named by DATABASE_URL,
 * or an in-memory embedded one without it. Dropped on close.
 */
export async function createTestDatabase(): Promise<ResolvedDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return resolveDatabase({ embeddedDataDir: 'memory' });
  const name = `ct_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await resolveDatabase({ url: url.toString(), poolSize: 10 });
  return {
    ...database,
    close: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
