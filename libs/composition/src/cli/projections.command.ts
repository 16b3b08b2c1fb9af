import { claimStreamName } from '@claimtrail/claims';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import {
  ProjectionMonitor,
  ProjectionRebuilder,
  ProjectionRebuildError,
  ProjectorService,
  type ProjectionRunner,
} from '@claimtrail/projections';
import type { Command } from 'commander';
import { CliFailure, writeLine, type CliContext } from './cli-context.js';
import { progressBar } from './progress-bar.js';

/**
 * The runners a command works on, one per partition of every projection or of the one --projection names; refuses
 * when the checkpoints are split into another number of partitions than PROJECTOR_PARTITIONS says.
 */
async function runners(context: CliContext, projection: string | undefined): Promise<ProjectionRunner[]> {
  const projector = (await context.app()).get(ProjectorService);
  const selected = projector.runners.filter(
    (runner) => projection === undefined || runner.name === projection,
  );
  if (selected.length === 0) throw new CliFailure(`No projection named ${projection}`);
  await projector.checkPartitions();
  return selected;
}

const labelOf = (runner: ProjectionRunner) =>
  runner.partition.count === 1
    ? runner.name
    : `${runner.name} partition ${runner.partition.index}/${runner.partition.count}`;

/** `projections ...`: checkpoints, catch-up, and the streams a projection quarantined. */
export function projectionsCommand(program: Command, context: CliContext): void {
  const projections = program
    .command('projections')
    .description(
      'the read models: checkpoints and lag, catch-up, rebuild, quarantined streams and their retry',
    );

  projections
    .command('status')
    .description(
      "each projection's checkpoint, lag behind the log, last error, quarantined streams and rebuild",
    )
    .action(async () =>
      (await (await context.app()).get(ProjectionMonitor).report()).projections.forEach(writeLine),
    );

  projections
    .command('rebuild')
    .argument('<name>', 'the projection (see status)')
    .description(
      'replay the whole log into fresh tables beside the live ones and switch to them once caught up; the API keeps answering from the live tables meanwhile',
    )
    .action(async (name: string) => {
      const rebuilder = (await context.app()).get(ProjectionRebuilder);
      const bar = progressBar('events');
      try {
        const outcome = await rebuilder.rebuild(name, (p) =>
          bar.update(p.eventsApplied, p.eventsExpected, p.eventsPerSecond),
        );
        bar.stop();
        writeLine(outcome);
      } catch (error) {
        bar.stop();
        if (error instanceof ProjectionRebuildError) throw new CliFailure(error.message);
        throw error;
      }
    });

  projections
    .command('catch-up')
    .description('apply everything committed so far, then exit')
    .option('--projection <name>', 'only this projection')
    .action(async (options: { projection?: string }) => {
      const selected = await runners(context, options.projection);
      // Every partition up to the same position, so that a change of PROJECTOR_PARTITIONS can split them anew.
      const head = await (await context.app()).get<EventStore>(EVENT_STORE).headPosition();
      for (const runner of selected)
        process.stderr.write(
          `${labelOf(runner)}: applied ${await runner.catchUp(undefined, undefined, head)} events\n`,
        );
    });

  projections
    .command('quarantine')
    .description("streams a projection stopped applying: the event's position and type, the error's class")
    .option('--projection <name>', 'only this projection')
    .action(async (options: { projection?: string }) => {
      for (const runner of await runners(context, options.projection))
        if (runner.partition.index === 0) (await runner.quarantined()).forEach(writeLine);
    });

  projections
    .command('retry')
    .description('after a fix, apply quarantined streams again from their start; exits 1 if one still fails')
    .option('--projection <name>', 'only this projection')
    .option('--claim <id>', "only this claim's stream")
    .action(async (options: { projection?: string; claim?: string }) => {
      const stream = options.claim === undefined ? undefined : claimStreamName(options.claim);
      let stillQuarantined = 0;
      for (const runner of await runners(context, options.projection)) {
        for (const outcome of await runner.retryQuarantined(stream)) {
          writeLine({ projection: runner.name, ...outcome });
          if (!outcome.released) stillQuarantined++;
        }
      }
      if (stillQuarantined > 0) throw new CliFailure(`${stillQuarantined} stream(s) still fail`);
    });
}
