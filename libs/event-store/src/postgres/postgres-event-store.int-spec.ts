import { createTestDatabase } from '@claimtrail/database';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { openPostgresSubject } from '../testing/postgres-subject.js';

// The embedded runner covers the same adapter and SQL on every run; this one needs a real server.
if (process.env.DATABASE_URL) {
  eventStoreContract('PostgreSQL server, LISTEN/NOTIFY', async () =>
    openPostgresSubject(await createTestDatabase(), { notifications: 'listen', pollIntervalMs: 20 }),
  );
} else {
  describe('event store contract: PostgreSQL server', () => {
    it.skip('skipped: DATABASE_URL is not set (the embedded PGlite runner still tests this adapter)', () => {});
  });
}
