import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSource, poolOf, resolveDatabase } from '@claimtrail/database';
import { PostgresEventStore, type NewEvent } from '@claimtrail/event-store';
import { loadClaimTrailConfig } from '../claimtrail.config.js';
import { claimTrailSchema, READ_MODELS } from '../claimtrail.module.js';
import { openCliApp } from '../cli/cli-app.js';
import { backupToFile } from './backup-to-file.js';
import type { RestoreProgress } from './check-restored.js';
import { restoreEmbedded } from './restore-embedded.js';

const quiet: RestoreProgress = {
  step: () => undefined,
  bar: () => ({ update: () => undefined, stop: () => undefined }),
};

type Migration = new () => { name?: string };

const noted = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'Noted',
  schemaVersion: 1,
  data: { n },
  metadata: { actor: 'tester', occurredAt: '2026-01-02T03:04:05.000Z' },
});

// A backup taken with the CLI before an upgrade (it backs up without migrating) holds an older schema: restore loads
// it at that schema, then runs the migrations the backup had not.
describe('restoring a backup of a database one migration behind', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'claimtrail-restore-'));
  });
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  it('loads it at its own migrations, runs the newer one, and finds the log intact', async () => {
    const all = claimTrailSchema().migrations as Migration[];
    const stamp = (migration: Migration) => Number(/\d+$/.exec(new migration().name!)![0]);
    const newest = all.reduce((a, b) => (stamp(a) >= stamp(b) ? a : b));
    const newestName = new newest().name!;
    const older = all.filter((migration) => migration !== newest);
    const source = join(scratch, 'source');
    const database = await resolveDatabase({ embeddedDataDir: source });
    try {
      const dataSource = await openDataSource(database, { entities: [], migrations: older });
      const store = new PostgresEventStore(poolOf(dataSource), { notifications: 'poll' });
      await store.append('note-1', [noted(1), noted(2)], {
        expectedVersion: 'no_stream',
      });
      await store.close();
      await dataSource.destroy();
    } finally {
      await database.close();
    }

    const file = join(scratch, 'older.ctbackup');
    const backup = await backupToFile(
      loadClaimTrailConfig({ CLAIMTRAIL_DATA_DIR: source, LOG_LEVEL: 'silent' }),
      file,
      { includeMasterKey: false, force: false },
    );
    expect(backup.header.migrations).not.toContain(newestName);
    expect(backup.header.application.log.events).toBe(2);

    const report = await restoreEmbedded(
      loadClaimTrailConfig({ CLAIMTRAIL_DATA_DIR: join(scratch, 'restored'), LOG_LEVEL: 'silent' }),
      file,
      { force: false, readModels: READ_MODELS, openApp: openCliApp, progress: quiet },
    );
    expect(report).toMatchObject({
      migrated: [newestName],
      events: 2,
      integrity: { intact: true, checkedEvents: 2 },
      masterKey: 'not-needed',
    });
  }, 240_000);
});
