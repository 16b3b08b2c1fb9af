import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const GROUP_AND_OTHER = 0o077;

/**
 * Takes every group and other permission bit off path and everything under it (symbolic links are left alone).
 * The umask does not cover it all: PGlite's file system layer sets some modes explicitly (0666 for what initdb
 * writes, 0644 for the relation cache file it rewrites at each start).
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
  if (stats.mode & GROUP_AND_OTHER) await chmod(path, stats.mode & 0o7777 & ~GROUP_AND_OTHER);
  if (stats.isDirectory()) {
    await Promise.all((await readdir(path)).map((entry) => restrictToOwner(join(path, entry))));
  }
}
