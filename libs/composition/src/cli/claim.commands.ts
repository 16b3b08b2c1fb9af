import { PhiAccessLog, type PhiRead } from '@claimtrail/audit';
import { claimAsOf, claimStreamName, fold } from '@claimtrail/claims';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import type { Command } from 'commander';
import { CliFailure, writeLine, type CliContext } from './cli-context.js';

/** Reads the claim's stream and records the read in the PHI access log before anything is written out. */
async function historyOf(context: CliContext, claimId: string, read: Omit<PhiRead, 'claimId'>) {
  const actor = context.actor();
  const app = await context.app();
  const history = await app.get<EventStore>(EVENT_STORE).readStream(claimStreamName(claimId));
  if (history.length === 0) throw new CliFailure('No claim with that id');
  await app.get(PhiAccessLog).record({ actor, channel: 'cli' }, [{ claimId, ...read }]);
  return history;
}

/** `history` and `replay`: a claim straight from its stream. */
export function claimCommands(program: Command, context: CliContext): void {
  program
    .command('history')
    .argument('<claimId>')
    .description("the claim's events as NDJSON")
    .action(async (claimId: string) =>
      (await historyOf(context, claimId, { operation: 'history', fields: ['history'] })).forEach(writeLine),
    );

  program
    .command('replay')
    .argument('<claimId>')
    .description("the claim's state folded from its stream; with --as-of, as the system knew it then")
    .option('--as-of <instant>', 'fold only what was recorded by then (ISO-8601)')
    .option('--business-time', "with --as-of: by the events' business time instead")
    .action(async (claimId: string, options: { asOf?: string; businessTime?: boolean }) => {
      const read = { operation: 'replay', fields: ['patientRef', 'diagnoses'] };
      const history = await historyOf(context, claimId, read);
      if (options.asOf === undefined)
        return writeLine({ state: fold(history), version: history[history.length - 1]!.version });
      if (Number.isNaN(Date.parse(options.asOf))) throw new CliFailure('--as-of must be an ISO-8601 instant');
      writeLine(claimAsOf(history, options.asOf, options.businessTime ? 'business' : 'recorded'));
    });
}
