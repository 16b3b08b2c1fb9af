import { BackupError } from '@claimtrail/database';
import type { Command } from 'commander';
import { backupToFile } from '../backup/backup-to-file.js';
import { checkRestoredDatabase, type RestoreProgress } from '../backup/check-restored.js';
import { restoreEmbedded } from '../backup/restore-embedded.js';
import { READ_MODELS } from '../claimtrail.module.js';
import { openCliApp } from './cli-app.js';
import { CliFailure, writeLine, type CliContext } from './cli-context.js';
import { progressBar } from './progress-bar.js';

const progress: RestoreProgress = {
  step: (message) => process.stderr.write(`${message}\n`),
  bar: progressBar,
};

/** `backup <file>` and `restore <file>` (docs/operations.md, "Backup and restore"). */
export function backupCommands(program: Command, context: CliContext): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (gzip); it must not exist unless --force')
    .description(
      'a consistent snapshot of the whole database to a file, whether or not the API runs; prints a summary',
    )
    .option(
      '--include-master-key',
      "also put the embedded database's patient master key in the file (then the file alone opens every patient's identity)",
    )
    .option('--force', 'replace the file if it exists')
    .action(async (file: string, options: { includeMasterKey?: boolean; force?: boolean }) => {
      const bar = progressBar('rows');
      let started = Date.now();
      let total = 0;
      let outcome;
      try {
        outcome = await backupToFile(context.config(), file, {
          includeMasterKey: options.includeMasterKey ?? false,
          force: options.force ?? false,
          onHeader: (header) => {
            started = Date.now();
            total = header.tables.reduce((sum, table) => sum + table.rows, 0);
          },
          onRows: (rows) => bar.update(rows, total, rows / Math.max((Date.now() - started) / 1000, 0.001)),
        });
      } finally {
        bar.stop();
      }
      const { header } = outcome;
      writeLine({
        file: outcome.file,
        bytes: outcome.bytes,
        via: outcome.via,
        createdAt: header.createdAt,
        tables: header.tables.length,
        rows: header.tables.reduce((sum, table) => sum + table.rows, 0),
        events: header.application.log.events,
        head: header.application.log.head,
        patientKeys: header.application.patientKeys,
      });
      const keys = header.application.patientKeys;
      if (!keys.masterKeyIncluded && keys.wrapped > 0)
        process.stderr.write(
          `The patient master key (id ${Object.keys(keys.byMasterKey).join(', ')}) is not in the backup: keep it ` +
            'apart from the backup (PATIENT_MASTER_KEY, or patient-master.key in the data directory); without it ' +
            'no patient identity in the backup can be opened.\n',
        );
    });

  program
    .command('restore')
    .argument('[file]', 'a file `claimtrail backup` wrote')
    .description(
      'restore a backup into the embedded database (stop the API first), check its integrity and rebuild the read models; prints a report',
    )
    .option(
      '--force',
      'move a data directory that holds a database aside (kept, renamed) and restore in its place',
    )
    .option(
      '--master-key-file <path>',
      'the patient-master.key of the backed-up database, if the backup lacks it',
    )
    .option(
      '--after-pg-restore',
      'load no file: check the PostgreSQL database DATABASE_URL names after pg_restore, and rebuild its read models',
    )
    .action(
      async (
        file: string | undefined,
        options: { force?: boolean; masterKeyFile?: string; afterPgRestore?: boolean },
      ) => {
        if (options.afterPgRestore) {
          if (file !== undefined) throw new CliFailure('--after-pg-restore takes no file', 2);
          if (!context.config().database.url)
            throw new BackupError(
              'RESTORE_TARGET_UNSUPPORTED',
              '--after-pg-restore checks a PostgreSQL database: set DATABASE_URL',
            );
          const check = await checkRestoredDatabase(await context.app(), READ_MODELS, undefined, progress);
          finish(check.readModels);
          writeLine(check);
          return;
        }
        if (file === undefined) throw new CliFailure('restore needs a file, or --after-pg-restore', 2);
        const report = await restoreEmbedded(context.config(), file, {
          force: options.force ?? false,
          masterKeyFile: options.masterKeyFile,
          readModels: READ_MODELS,
          openApp: openCliApp,
          progress,
        });
        finish(report.readModels);
        writeLine(report);
        if (report.movedAside)
          process.stderr.write(`The database that was there is kept in ${report.movedAside}\n`);
        process.stderr.write(
          `Restored up to log position ${report.head ?? '(empty log)'}. Consumers that had read past it (exports, ` +
            'subscriptions) should resume from it.\n',
        );
      },
    );
}

/** A read model that differed from its rebuild is worth a look, though the rebuild (from the log) is what now serves. */
function finish(readModels: { projection: string; matches: boolean | null }[]): void {
  for (const check of readModels.filter((c) => c.matches === false))
    process.stderr.write(
      `Read model ${check.projection} as restored differed from a rebuild from the log; the rebuild replaced it.\n`,
    );
}
