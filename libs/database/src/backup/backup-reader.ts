import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupEnd,
  type BackupExtra,
  type BackupHeader,
  type BackupTable,
} from './backup-format.js';
import { BackupError } from '../database.errors.js';

export type BackupRow = (string | null)[];

export type BackupItem =
  { kind: 'rows'; table: BackupTable; rows: BackupRow[] } | { kind: 'extra'; extra: BackupExtra };

export interface BackupContents<Application = unknown> {
  header: BackupHeader<Application>;
  /**
   * Rows in batches, table by table in the header's order, and the extra lines; checks every line against the
   * header and, after the last, the checksum. Throws BACKUP_CORRUPT at the first thing out of place.
   */
  items(batchRows?: number): AsyncIterable<BackupItem>;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Reads a backup file: its header now (refusing what is not a backup this build reads), the rest on demand. */
export async function openBackup<Application = unknown>(path: string): Promise<BackupContents<Application>> {
  await checkMagic(path);
  const lines = backupLines(createReadStream(path), path);
  const first = await lines.next();
  await lines.return(undefined);
  const header = parseHeader<Application>(first.value, path);
  return {
    header,
    async *items(batchRows = 500) {
      const again = backupLines(createReadStream(path), path);
      const line = await again.next();
      yield* checkedItems(again, line.value ?? '', header, path, batchRows);
    },
  };
}

/**
 * Reads a backup from a stream once, checking it whole as openBackup's items do, and resolves with its header and
 * row count; onHeader and onRows report progress. For checking a backup while it is written.
 */
export async function checkBackupStream(
  input: Readable,
  name: string,
  progress: { onHeader?(header: BackupHeader): void; onRows?(rows: number): void } = {},
): Promise<{ header: BackupHeader; rows: number }> {
  const lines = backupLines(input, name);
  const first = await lines.next();
  const header = parseHeader(first.value, name);
  progress.onHeader?.(header);
  let rows = 0;
  for await (const item of checkedItems(lines, first.value ?? '', header, name, 1000)) {
    if (item.kind === 'rows') progress.onRows?.((rows += item.rows.length));
  }
  return { header, rows };
}

async function checkMagic(path: string): Promise<void> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (cause) {
    throw new BackupError('BACKUP_FILE_MISSING', `Cannot read ${path}`, { cause });
  }
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead < 2 || buffer[0] !== GZIP_MAGIC[0] || buffer[1] !== GZIP_MAGIC[1])
      throw new BackupError('BACKUP_NOT_A_BACKUP', `${path} is not a ClaimTrail backup (not gzip)`);
  } finally {
    await file.close();
  }
}

/** The lines after the header, checked against it; the checksum covers the header's own line too. */
async function* checkedItems(
  lines: AsyncGenerator<string>,
  headerLine: string,
  header: BackupHeader,
  name: string,
  batchRows: number,
): AsyncGenerator<BackupItem> {
  const hash = createHash('sha256').update(`${headerLine}\n`);
  const corrupt = (what: string) =>
    new BackupError('BACKUP_CORRUPT', `${name} is damaged or cut short: ${what}`);
  let tableIndex = -1;
  let table: BackupTable | undefined;
  let rowsInTable = 0;
  let total = 0;
  let batch: BackupRow[] = [];
  const closeTable = () => {
    if (table && rowsInTable !== table.rows)
      throw corrupt(`table ${table.name} has ${rowsInTable} rows, its header says ${table.rows}`);
  };
  for await (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw corrupt('a line is not JSON');
    }
    if (Array.isArray(value)) {
      if (!table) throw corrupt('a row comes before any table');
      if (value.length !== table.columns.length || !value.every((v) => v === null || typeof v === 'string'))
        throw corrupt(`row ${rowsInTable + 1} of table ${table.name} does not fit its columns`);
      hash.update(`${line}\n`);
      batch.push(value as BackupRow);
      rowsInTable++;
      total++;
      if (batch.length >= batchRows) {
        yield { kind: 'rows', table, rows: batch };
        batch = [];
      }
      continue;
    }
    if (table && batch.length > 0) yield { kind: 'rows', table, rows: batch };
    batch = [];
    const record = (value ?? {}) as Record<string, unknown>;
    if (typeof record.table === 'string') {
      closeTable();
      table = header.tables[++tableIndex];
      if (!table || table.name !== record.table)
        throw corrupt(`table ${record.table} is not where the header says`);
      rowsInTable = 0;
      hash.update(`${line}\n`);
      continue;
    }
    if (record.end === true) {
      closeTable();
      if (tableIndex !== header.tables.length - 1) throw corrupt('tables are missing');
      const end = record as unknown as BackupEnd;
      if (end.rows !== total || end.sha256 !== hash.digest('hex'))
        throw corrupt('its checksum does not match its contents');
      const after = await lines.next();
      if (!after.done) throw corrupt('there is more after its end');
      return;
    }
    if (typeof record.extra === 'string') {
      closeTable();
      table = undefined;
      hash.update(`${line}\n`);
      yield { kind: 'extra', extra: record as BackupExtra };
      continue;
    }
    throw corrupt('a line is neither a row, a table nor an end');
  }
  throw corrupt('its end is missing');
}

function parseHeader<Application>(line: string | void, name: string): BackupHeader<Application> {
  let header: Partial<BackupHeader<Application>> | undefined;
  try {
    header = line === undefined ? undefined : JSON.parse(line);
  } catch {
    header = undefined;
  }
  if (!header || header.format !== BACKUP_FORMAT)
    throw new BackupError('BACKUP_NOT_A_BACKUP', `${name} is not a ClaimTrail backup (no backup header)`);
  if (header.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(
      'BACKUP_FORMAT_UNSUPPORTED',
      `${name} is a ClaimTrail backup in format ${String(header.formatVersion)}; this build reads format ` +
        `${BACKUP_FORMAT_VERSION} only`,
    );
  const wellFormed =
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) => typeof t?.name === 'string' && Number.isInteger(t.rows) && Array.isArray(t.columns),
    ) &&
    Array.isArray(header.migrations) &&
    Array.isArray(header.sequences);
  if (!wellFormed) throw new BackupError('BACKUP_CORRUPT', `${name} is damaged: its header is incomplete`);
  return header as BackupHeader<Application>;
}

/** The decompressed lines; a gzip error (a cut or changed file) becomes BACKUP_CORRUPT. */
async function* backupLines(input: Readable, name: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        yield pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    }
  } catch (cause) {
    if (cause instanceof BackupError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES')
      throw new BackupError('BACKUP_FILE_MISSING', `Cannot read ${name}`, { cause });
    throw new BackupError('BACKUP_CORRUPT', `${name} is damaged or cut short (${describeZlib(cause)})`, {
      cause,
    });
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
  pending += decoder.end();
  if (pending.length > 0) yield pending;
}

function describeZlib(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'Z_BUF_ERROR' ? 'the compressed data ends early' : 'the compressed data is not valid';
}
