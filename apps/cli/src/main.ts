import {
  claimAsOf,
  claimStreamName,
  fold,
  CLAIMS_MIGRATIONS,
  CLAIMS_ENTITIES,
  CLAIMS_PROJECTIONS,
} from '@claimtrail/claims';
import { openDataSource, poolOf, readDatabaseConfig, resolveDatabase } from '@claimtrail/database';
import { EVENT_STORE_MIGRATIONS, openEventStore, readEventStoreConfig } from '@claimtrail/event-store';
import { CheckpointStore, PROJECTION_MIGRATIONS, ProjectionRunner } from '@claimtrail/projections';
import { parseArgs } from 'node:util';
import { exportEvents } from './export-events.js';

const USAGE = `claimtrail <command>

  history <claimId>                      the claim's events as NDJSON
  replay <claimId> [--as-of <instant>] [--business-time]
                                         the claim's state folded from its stream (optionally as of a moment)
  export [--after <position>] [--types A,B]
                                         every event after a position as NDJSON on stdout, progress on stderr
  projections status                     each projection's checkpoint, last error and quarantined streams
  projections catch-up                   apply everything committed so far, then exit
  projections quarantine                 streams a projection stopped applying: where, and the error's class
  projections retry [--projection <name>] [--claim <id>]
                                         apply quarantined streams again from their start (after a fix)

Uses DATABASE_URL, else the embedded database in .claimtrail/ (stop the API first: one process at a time).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'as-of': { type: 'string' },
    'business-time': { type: 'boolean' },
    after: { type: 'string' },
    types: { type: 'string' },
    projection: { type: 'string' },
    claim: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const write = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<number> {
  const [command, arg] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { settings, problems } = readDatabaseConfig(process.env);
  const eventStore = readEventStoreConfig(process.env);
  problems.push(...eventStore.problems);
  if (problems.length > 0) {
    console.error(problems.map((p) => `${p.key} ${p.message}`).join('\n'));
    return 2;
  }
  const database = await resolveDatabase(settings);
  const dataSource = await openDataSource(database, {
    entities: [...CLAIMS_ENTITIES],
    migrations: [...EVENT_STORE_MIGRATIONS, ...PROJECTION_MIGRATIONS, ...CLAIMS_MIGRATIONS],
  });
  const store = openEventStore(eventStore.settings, poolOf(dataSource), database);
  try {
    switch (command) {
      case 'history':
      case 'replay': {
        if (!arg) throw new Error(`${command} needs a claim id`);
        const history = await store.readStream(claimStreamName(arg));
        if (history.length === 0) throw new Error('No claim with that id');
        if (command === 'history') history.forEach(write);
        else if (values['as-of'])
          write(claimAsOf(history, values['as-of'], values['business-time'] ? 'business' : 'recorded'));
        else write({ state: fold(history), version: history[history.length - 1]!.version });
        return 0;
      }
      case 'export': {
        const types = values.types?.split(',').filter(Boolean);
        const report = (count: number, after: string | undefined) =>
          process.stderr.write(`\rexported ${count} events${after ? `, up to ${after}` : ''}`);
        const count = await exportEvents(
          store,
          { after: values.after, types },
          (line) => process.stdout.write(`${line}\n`),
          report,
        );
        report(count, undefined);
        process.stderr.write('\n');
        return 0;
      }
      case 'projections': {
        const runners = CLAIMS_PROJECTIONS.filter(
          (p) => values.projection === undefined || p.name === values.projection,
        ).map((projection) => new ProjectionRunner(store, dataSource, projection));
        if (runners.length === 0) throw new Error('No projection with that name');
        switch (arg) {
          case 'status':
            (await new CheckpointStore(poolOf(dataSource)).statuses()).forEach(write);
            return 0;
          case 'catch-up':
            for (const runner of runners)
              process.stderr.write(`${runner.name}: applied ${await runner.catchUp()} events\n`);
            return 0;
          case 'quarantine':
            for (const runner of runners) (await runner.quarantined()).forEach(write);
            return 0;
          case 'retry': {
            const stream = values.claim === undefined ? undefined : claimStreamName(values.claim);
            let stillQuarantined = 0;
            for (const runner of runners) {
              for (const outcome of await runner.retryQuarantined(stream)) {
                write({ projection: runner.name, ...outcome });
                if (!outcome.released) stillQuarantined++;
              }
            }
            return stillQuarantined > 0 ? 1 : 0;
          }
          default:
            throw new Error('projections takes status, catch-up, quarantine or retry');
        }
      }
      default:
        throw new Error(`Unknown command ${command}`);
    }
  } finally {
    await store.close();
    await dataSource.destroy();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
