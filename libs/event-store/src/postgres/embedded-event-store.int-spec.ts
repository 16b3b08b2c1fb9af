import { resolveDatabase } from '@claimtrail/database';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { openPostgresSubject } from '../testing/postgres-subject.js';

eventStoreContract('embedded PGlite, polling', async () =>
  openPostgresSubject(await resolveDatabase({ embeddedDataDir: 'memory' }), {
    notifications: 'poll',
    pollIntervalMs: 20,
  }),
);
