import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { BackupError, writeLogicalDump, type BackupExtra, type BackupHeader } from '@claimtrail/database';
import { logSnapshotRows, readLogSnapshot, type LogSnapshot } from '@claimtrail/event-store';
import type { MasterKeyring } from '@claimtrail/patients';
import type pg from 'pg';

/** What a ClaimTrail backup's header says about the snapshot, besides the tables. */
export interface ClaimTrailBackupInfo {
  claimtrailVersion: string;
  source: 'embedded' | 'postgresql';
  log: LogSnapshot;
  patientKeys: {
    /** Keys not forgotten: each opens one patient's identities, with the master key that wrapped it. */
    wrapped: number;
    forgotten: number;
    /** Keys by the id of the master key that wrapped them (`unknown`: stored before keys were named). */
    byMasterKey: Record<string, number>;
    /** The id of the master key the source wrapped new keys with; null where it had none. */
    currentKeyId: string | null;
    /** Whether that key itself is in the file (`backup --include-master-key`), in an extra line. */
    masterKeyIncluded: boolean;
  };
}

export type ClaimTrailBackupHeader = BackupHeader<ClaimTrailBackupInfo>;

/** The extra line that carries the master key, never the header: a header is fine to paste into a ticket. */
export const MASTER_KEY_EXTRA = 'patient-master-key';

export const CLAIMTRAIL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export interface ClaimTrailDumpOptions {
  source: ClaimTrailBackupInfo['source'];
  /** The master keys the source uses, to name the current one in the header; and whether to put it in the file. */
  keyring: MasterKeyring | undefined;
  includeMasterKey: boolean;
  onProgress?(rows: number, total: number): void;
}

/**
 * A backup of the ClaimTrail database on client (one connection of its own) to out: every table, with the event log
 * cut at its horizon (see readLogSnapshot) and the snapshot's log head, seal and patient-key counts in the header.
 */
export async function dumpClaimTrail(
  client: pg.ClientBase,
  out: Writable,
  options: ClaimTrailDumpOptions,
): Promise<ClaimTrailBackupHeader> {
  if (options.includeMasterKey && !options.keyring)
    throw new BackupError('BACKUP_SOURCE_MISSING', 'There is no patient master key to include');
  return writeLogicalDump<ClaimTrailBackupInfo>(client, out, {
    onProgress: options.onProgress,
    describe: async (db) => {
      const { rows } = await db.query<{ events: boolean; keys: boolean; named: boolean }>(
        `SELECT to_regclass('public.events') IS NOT NULL AS events,
           to_regclass('public.patient_keys') IS NOT NULL AS keys,
           EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_name = 'patient_keys' AND column_name = 'master_key_id') AS named`,
      );
      if (!rows[0]!.events)
        throw new BackupError('BACKUP_SOURCE_MISSING', 'The database holds no ClaimTrail data to back up');
      const log = await readLogSnapshot(db);
      // A database from before patient keys (backed up without migrating) has none, or none named.
      const keys = rows[0]!.keys
        ? (
            await db.query<{ key_id: string | null; forgotten: boolean; count: string }>(
              `SELECT ${rows[0]!.named ? 'master_key_id' : 'NULL::text'} AS key_id, wrapped_key IS NULL AS forgotten,
                 count(*)::text AS count FROM patient_keys GROUP BY 1, 2`,
            )
          ).rows
        : [];
      const byMasterKey: Record<string, number> = {};
      for (const row of keys.filter((k) => !k.forgotten))
        byMasterKey[row.key_id ?? 'unknown'] =
          (byMasterKey[row.key_id ?? 'unknown'] ?? 0) + Number(row.count);
      const count = (forgotten: boolean) =>
        keys.filter((k) => k.forgotten === forgotten).reduce((sum, k) => sum + Number(k.count), 0);
      const extras: BackupExtra[] = options.includeMasterKey
        ? [{ extra: MASTER_KEY_EXTRA, key: options.keyring!.current.toString('base64') }]
        : [];
      return {
        application: {
          claimtrailVersion: CLAIMTRAIL_VERSION,
          source: options.source,
          log,
          patientKeys: {
            wrapped: count(false),
            forgotten: count(true),
            byMasterKey,
            currentKeyId: options.keyring?.currentId ?? null,
            masterKeyIncluded: options.includeMasterKey,
          },
        },
        tables: { events: logSnapshotRows(log) },
        extras,
      };
    },
  });
}
