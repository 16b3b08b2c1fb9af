import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { BackupError, writeLogicalDump, type BackupExtra, type BackupHeader } from '@claimtrail/database';
import { logSnapshotRows, readLogSnapshot, type LogSnapshot } from '@claimtrail/event-store';
import { masterKeyId } from '@claimtrail/patients';
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
    /** masterKeyId of the key that wrapped them (the source's); null if unknown there. */
    masterKeyId: string | null;
    /** Whether the master key itself is in the file (`backup --include-master-key`), in an extra line. */
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
  /** The master key the source uses, to name it in the header; and whether to put it in the file. */
  masterKey: Buffer | undefined;
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
  if (options.includeMasterKey && !options.masterKey)
    throw new BackupError('BACKUP_SOURCE_MISSING', 'There is no patient master key to include');
  return writeLogicalDump<ClaimTrailBackupInfo>(client, out, {
    onProgress: options.onProgress,
    describe: async (db) => {
      const { rows } = await db.query<{ events: boolean; keys: boolean }>(
        `SELECT to_regclass('public.events') IS NOT NULL AS events,
           to_regclass('public.patient_keys') IS NOT NULL AS keys`,
      );
      if (!rows[0]!.events)
        throw new BackupError('BACKUP_SOURCE_MISSING', 'The database holds no ClaimTrail data to back up');
      const log = await readLogSnapshot(db);
      // A database from before patient keys (backed up without migrating) has none.
      const keys = rows[0]!.keys
        ? await db.query<{ wrapped: string; forgotten: string }>(
            `SELECT count(*) FILTER (WHERE wrapped_key IS NOT NULL)::text AS wrapped,
               count(*) FILTER (WHERE wrapped_key IS NULL)::text AS forgotten FROM patient_keys`,
          )
        : { rows: [{ wrapped: '0', forgotten: '0' }] };
      const extras: BackupExtra[] = options.includeMasterKey
        ? [{ extra: MASTER_KEY_EXTRA, key: options.masterKey!.toString('base64') }]
        : [];
      return {
        application: {
          claimtrailVersion: CLAIMTRAIL_VERSION,
          source: options.source,
          log,
          patientKeys: {
            wrapped: Number(keys.rows[0]!.wrapped),
            forgotten: Number(keys.rows[0]!.forgotten),
            masterKeyId: options.masterKey ? masterKeyId(options.masterKey) : null,
            masterKeyIncluded: options.includeMasterKey,
          },
        },
        tables: { events: logSnapshotRows(log) },
        extras,
      };
    },
  });
}
