import type { ImportCounts } from './import-report.js';

export type ImportFormat = '835' | '277ca';

/** Told what became of each imported file's lines (metrics). */
export interface ImportObserver {
  fileImported(format: ImportFormat, counts: ImportCounts): void;
}

export const IMPORT_OBSERVER = Symbol('IMPORT_OBSERVER');

export const ignoreImports: ImportObserver = { fileImported: () => {} };
