/**
 * A logical backup: gzip of JSON lines. The header first; then, per table, a line {"table": name} followed by one
 * JSON array per row holding each column's text form (PostgreSQL's own output, so every type goes back exactly as it
 * was); then any extra lines; last, {"end": true, ...} with the SHA-256 of every line before it.
 */
export const BACKUP_FORMAT = 'claimtrail-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupColumn {
  name: string;
  /** format_type() of the column where it was dumped. */
  type: string;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  rows: number;
}

export interface BackupSequence {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader<Application = unknown> {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** version() of the server it was dumped from. */
  server: string;
  /** The migrations applied where it was dumped, in the order they ran. */
  migrations: string[];
  /** In load order: a table comes after those its foreign keys name. */
  tables: BackupTable[];
  sequences: BackupSequence[];
  /** What the application records about the snapshot (opaque here). */
  application: Application;
}

export interface BackupEnd {
  end: true;
  rows: number;
  sha256: string;
}

/** A line that is neither the header, a table marker, a row nor the end: the application's own. */
export type BackupExtra = Record<string, unknown> & { extra: string };

/**
 * Text I/O settings, the same when dumping and loading, so that the text of a value is read back as the same value
 * whatever the server's or the session's defaults.
 */
export const TEXT_IO_SETTINGS: Record<string, string> = {
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
  TimeZone: 'UTC',
  extra_float_digits: '3',
  bytea_output: 'hex',
};

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
