import { EVENT_STORE, isPosition, type EventStore } from '@claimtrail/event-store';
import type { Command } from 'commander';
import { CliFailure, type CliContext } from './cli-context.js';
import { exportEvents } from './export-events.js';

/** `export`: the log as NDJSON for batch jobs, resumable from any position it wrote. */
export function exportCommand(program: Command, context: CliContext): void {
  program
    .command('export')
    .description('every event after a position, in log order, as NDJSON on stdout; progress on stderr')
    .option('--after <position>', 'start after this position (resume an export)')
    .option('--types <A,B>', 'only these event types', (value: string) => value.split(',').filter(Boolean))
    .action(async (options: { after?: string; types?: string[] }) => {
      if (options.after !== undefined && !isPosition(options.after))
        throw new CliFailure('--after must be a position from an earlier export');
      const store = (await context.app()).get<EventStore>(EVENT_STORE);
      const report = (count: number, after: string | undefined) =>
        process.stderr.write(`\rexported ${count} events${after ? `, up to ${after}` : ''}`);
      const count = await exportEvents(
        store,
        { after: options.after, types: options.types },
        (line) => process.stdout.write(`${line}\n`),
        report,
      );
      report(count, undefined);
      process.stderr.write('\n');
    });
}
