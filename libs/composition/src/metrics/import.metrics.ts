import type { ImportCounts, ImportFormat, ImportObserver } from '@claimtrail/remittances';
import { Counter, type Registry } from 'prom-client';

/** The lines of imported X12 files, by what became of them (the import report's counts). */
export class ImportMetrics implements ImportObserver {
  private readonly items: Counter<'format' | 'outcome'>;

  constructor(registry: Registry) {
    this.items = new Counter({
      name: 'claimtrail_import_items_total',
      help: 'Claim lines of imported X12 files (835, 277ca), by outcome: posted, already_posted, unmatched, not_posted',
      labelNames: ['format', 'outcome'],
      registers: [registry],
    });
  }

  fileImported(format: ImportFormat, counts: ImportCounts): void {
    this.items.inc({ format, outcome: 'posted' }, counts.posted);
    this.items.inc({ format, outcome: 'already_posted' }, counts.alreadyPosted);
    this.items.inc({ format, outcome: 'unmatched' }, counts.unmatched);
    this.items.inc({ format, outcome: 'not_posted' }, counts.notPosted);
  }
}
