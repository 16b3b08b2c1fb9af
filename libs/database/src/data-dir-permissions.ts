import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Leaves path and everything under it to its owner: directories at most 0700, files at most 0600 (symbolic links
 * are left alone). The umask does not cover it all: PGlite's file system layer sets some modes explicitly (0666
 * for what initdb writes, 0644 for the relation cache file it rewrites at each start) and creates files 0777
 * minus the umask.
 */
export async function restrictToOwner(path: string): Promise<void> {
  let stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    // PGlite removes its temporary files while it runs.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stats.isSymbolicLink()) return;
  const mode = stats.mode & 0o777;
  const allowed = mode & (stats.isDirectory() ? 0o700 : 0o600);
  if (allowed !== mode) await chmod(path, allowed);
  if (stats.isDirectory()) {
    await Promise.all((await readdir(path)).map((entry) => restrictToOwner(join(path, entry))));
  }
}
