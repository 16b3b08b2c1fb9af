import { readFile } from 'node:fs/promises';
import { Import277caService, Import835Service, type ImportReport } from '@claimtrail/remittances';
import type { Command } from 'commander';
import { CliFailure, writeLine, type CliContext } from './cli-context.js';
import { progressBar } from './progress-bar.js';

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new CliFailure(`Cannot read ${file}`, 2);
  }
}

/** The report on stdout; exit code 1 when the file had a problem (nothing posted, or with --allow-partial the rest). */
function finish(report: ImportReport): void {
  writeLine(report);
  if (report.problems.length > 0)
    throw new CliFailure(
      `${report.problems.length} problem(s); first: ${report.problems[0]!.rule} at ${report.problems[0]!.segment} ` +
        `segment ${report.problems[0]!.position}. ${report.posted ? 'The rest was posted.' : 'Nothing was posted.'}`,
    );
  if (report.alreadyImported) process.stderr.write('Already imported: nothing new was posted.\n');
}

/** `import 835 <file>` and `import 277ca <file>`: the same imports as the GraphQL mutations, from a file of any size. */
export function importCommand(program: Command, context: CliContext): void {
  const group = program
    .command('import')
    .description('import an X12 file: 835 remittance or 277CA acknowledgements');
  for (const kind of ['835', '277ca'] as const) {
    group
      .command(`${kind} <file>`)
      .description(
        kind === '835'
          ? 'post an 835: checks the whole file first and posts nothing when a check fails; prints the report'
          : 'post a 277CA: acknowledgements and front-end rejections; prints the report',
      )
      .option('--allow-partial', 'post the claims that pass and list the rest as unmatched work')
      .action(async (file: string, options: { allowPartial?: boolean }) => {
        const text = await read(file);
        const app = await context.app();
        const service = kind === '835' ? app.get(Import835Service) : app.get(Import277caService);
        const bar = progressBar('claims');
        const started = Date.now();
        try {
          const report = await service.import(text, {
            actor: context.actor(),
            allowPartial: options.allowPartial ?? false,
            onProgress: (done, total) =>
              bar.update(done, total, done / Math.max((Date.now() - started) / 1000, 0.001)),
          });
          bar.stop();
          finish(report);
        } finally {
          bar.stop();
        }
      });
  }
}
