import { claimStreamName } from '@claimtrail/claims';
import {
  EVENT_STORE_INTEGRITY,
  type EventStoreIntegrity,
  type IntegrityReport,
} from '@claimtrail/event-store';
import type { Command } from 'commander';
import { CliFailure, writeLine, type CliContext } from './cli-context.js';
import { progressBar } from './progress-bar.js';

/** `verify`: recomputes the hash chains and the log seal (ADR 0005); exit code 1 names the first broken link. */
export function verifyCommand(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description(
      'recompute the hash chains of one claim or of the whole log; prints {intact, checkedEvents, firstBroken} and exits 1 when broken',
    )
    .option('--claim <id>', "only this claim's stream, and its seals")
    .option('--all', 'every stream and the seal over the whole log')
    .action(async (options: { claim?: string; all?: boolean }) => {
      if ((options.claim === undefined) === !options.all)
        throw new CliFailure('verify needs exactly one of --claim <id> or --all', 2);
      const integrity = (await context.app()).get<EventStoreIntegrity>(EVENT_STORE_INTEGRITY);
      let report: IntegrityReport;
      if (options.claim !== undefined) {
        const stream = await integrity.verifyStream(claimStreamName(options.claim));
        if (stream.unknown) throw new CliFailure(`No claim ${options.claim}`);
        report = {
          intact: stream.intact,
          checkedEvents: stream.checkedEvents,
          firstBroken: stream.firstBroken,
        };
      } else {
        const bar = progressBar('events');
        const started = Date.now();
        try {
          report = await integrity.verifyLog((checked, total) =>
            bar.update(checked, total, checked / Math.max((Date.now() - started) / 1000, 0.001)),
          );
        } finally {
          bar.stop();
        }
      }
      writeLine(report);
      const broken = report.firstBroken;
      if (broken)
        throw new CliFailure(
          `Integrity broken at ${broken.streamName} version ${broken.version}` +
            `${broken.position ? ` (position ${broken.position})` : ''}: ${broken.reason}`,
        );
    });
}
