import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedDatabase } from '@claimtrail/database';
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
  const key = parseMasterKey(await readFile(path, 'utf8'));
  if (!key) throw new MasterKeyFileError(path);
  return key;
}
