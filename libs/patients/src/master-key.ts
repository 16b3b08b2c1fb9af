import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedDatabase } from '@claimtrail/database';
import type pg from 'pg';
import type { MasterKeyring } from './master-keyring.js';
import { KEY_BYTES, parseMasterKey } from './patient-vault.crypto.js';
import type { PatientsSettings } from './patients.config.js';

/** Where the embedded database keeps the master key it generated, inside its own data directory. */
export const MASTER_KEY_FILE = 'patient-master.key';

export type MasterKeySource = 'configured' | 'data-dir' | 'ephemeral';

export class MasterKeyFileError extends Error {
  constructor(path: string) {
    super(
      `${path} does not hold a patient master key (base64 of 32 bytes); restore it or set PATIENT_MASTER_KEY`,
    );
    this.name = 'MasterKeyFileError';
  }
}

/**
 * The configured key; else, for the embedded database in a data directory, the key kept in that directory (made on
 * first start, readable by its owner only); else a key for this process alone (an in-memory database, or a server
 * outside production without one configured: identities sealed then are unreadable after a restart).
 */
export async function resolveMasterKey(
  settings: Pick<PatientsSettings, 'masterKey'>,
  database: Pick<ResolvedDatabase, 'embedded' | 'dataDir'>,
): Promise<{ key: Buffer; source: MasterKeySource }> {
  if (settings.masterKey) return { key: settings.masterKey, source: 'configured' };
  if (!database.embedded || !database.dataDir) return { key: randomBytes(KEY_BYTES), source: 'ephemeral' };
  return { key: await keyInDataDir(join(database.dataDir, MASTER_KEY_FILE)), source: 'data-dir' };
}

async function keyInDataDir(path: string): Promise<Buffer> {
  const fresh = randomBytes(KEY_BYTES);
  try {
    // wx: two processes starting at once cannot both write one; the loser reads the winner's.
    await writeFile(path, `${fresh.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  const key = await readMasterKeyFile(path);
  if (!key) throw new MasterKeyFileError(path);
  return key;
}

/** The key file at path, if there is one; unlike resolveMasterKey, never makes one. */
export async function readMasterKeyFile(path: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = parseMasterKey(text);
  if (!key) throw new MasterKeyFileError(path);
  return key;
}

const KEYS_PAGE = 1000;

/**
 * Tries a keyring on every patient key not forgotten, through the master key each names (or each key of the ring,
 * for keys stored before they were named): how many keys there are, how many it cannot unwrap, and the ids of the
 * master keys it lacks. Reads a page at a time; nothing is decrypted beyond the data keys themselves.
 */
export async function checkMasterKey(
  db: Pick<pg.ClientBase, 'query'>,
  keyring: MasterKeyring,
): Promise<{ keys: number; unreadable: number; missingKeyIds: string[] }> {
  const named = await db.query<{ exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
       WHERE table_name = 'patient_keys' AND column_name = 'master_key_id') AS exists`,
  );
  const keyIdColumn = named.rows[0]!.exists ? 'master_key_id' : 'NULL::text';
  let keys = 0;
  let unreadable = 0;
  const missing = new Set<string>();
  let after = '';
  for (;;) {
    const { rows } = await db.query<{ patient_ref: string; wrapped_key: Buffer; key_id: string | null }>(
      `SELECT patient_ref, wrapped_key, ${keyIdColumn} AS key_id FROM patient_keys
       WHERE wrapped_key IS NOT NULL AND patient_ref > $1 ORDER BY patient_ref LIMIT ${KEYS_PAGE}`,
      [after],
    );
    for (const row of rows) {
      keys++;
      try {
        keyring.unwrap(row.patient_ref, row.wrapped_key, row.key_id);
      } catch {
        unreadable++;
        if (row.key_id !== null && !keyring.ids.includes(row.key_id)) missing.add(row.key_id);
      }
    }
    if (rows.length < KEYS_PAGE) return { keys, unreadable, missingKeyIds: [...missing] };
    after = rows[rows.length - 1]!.patient_ref;
  }
}
