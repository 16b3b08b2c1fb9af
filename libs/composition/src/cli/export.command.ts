import { once } from 'node:events';
import { PhiAccessLog, phiFieldsOf, type PhiRead } from '@claimtrail/audit';
import { claimIdOfStream } from '@claimtrail/claims';
import { EVENT_STORE, isPosition, type EventStore, type RecordedEvent } from '@claimtrail/event-store';
import type { Command } from 'commander';
import { CliFailure, type CliContext } from './cli-context.js';
import { exportEvents, followEvents } from './export-events.js';

/** One line to stdout; waits when the reader is slower than the log, rather than piling lines up in memory. */
async function writeLine(line: string): Promise<void> {
  if (!process.stdout.write(`${line}\n`)) await once(process.stdout, 'drain');
}

/** The claims whose patient data a batch of the log carries, one read per claim, for the PHI access log. */
export function phiReadsOf(batch: readonly RecordedEvent[]): PhiRead[] {
  const fieldsByClaim = new Map<string, Set<string>>();
  for (const event of batch) {
    const claimId = claimIdOfStream(event.streamName);
    const fields = phiFieldsOf(event.data);
    if (claimId === undefined || fields.length === 0) continue;
    const seen = fieldsByClaim.get(claimId) ?? new Set<string>();
    fields.forEach((field) => seen.add(field));
    fieldsByClaim.set(claimId, seen);
  }
  return [...fieldsByClaim].map(([claimId, fields]) => ({
    claimId,
    operation: 'export',
    fields: [...fields],
  }));
}

/** Aborts on the first SIGINT or SIGTERM while following, so the export ends after the line it is writing. */
function untilStopped(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** `export`: the log as NDJSON for batch jobs, resumable from any position it wrote; `--follow` stays on live. */
export function exportCommand(program: Command, context: CliContext): void {
  program
    .command('export')
    .description('every event after a position, in log order, as NDJSON on stdout; progress on stderr')
    .option('--after <position>', 'start after this position (resume an export)')
    .option('--types <A,B>', 'only these event types', (value: string) => value.split(',').filter(Boolean))
    .option('--follow', 'keep streaming new events as they commit, until SIGINT or SIGTERM')
    .action(async (options: { after?: string; types?: string[]; follow?: boolean }) => {
      if (options.after !== undefined && !isPosition(options.after))
        throw new CliFailure('--after must be a position from an earlier export');
      const actor = context.actor();
      const app = await context.app();
      const store = app.get<EventStore>(EVENT_STORE);
      const phiAccess = app.get(PhiAccessLog);
      const report = (count: number, after: string | undefined) =>
        process.stderr.write(`\rexported ${count} events${after ? `, up to ${after}` : ''}`);
      const filter = {
        after: options.after,
        types: options.types,
        beforeBatch: async (batch: readonly RecordedEvent[]) => {
          const reads = phiReadsOf(batch);
          if (reads.length > 0) await phiAccess.record({ actor, channel: 'cli' }, reads);
        },
      };
      let count: number;
      if (options.follow) {
        const stopped = untilStopped();
        try {
          count = await followEvents(store, filter, writeLine, stopped.signal, report);
        } finally {
          stopped.release();
        }
      } else {
        count = await exportEvents(store, filter, (line) => process.stdout.write(`${line}\n`), report);
      }
      report(count, undefined);
      process.stderr.write('\n');
    });
}
