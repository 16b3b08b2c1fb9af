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
import {
  CheckpointStore,
  CreateProjectionCheckpoints1764201700000,
  ProjectionRunner,
} from '@claimtrail/projections';
import { parseArgs } from 'node:util';
import { exportEvents } from './export-events.js';

const USAGE = `claimtrail <command>

  history <claimId>                      the claim's events as NDJSON
  replay <claimId> [--as-of <instant>] [--business-time]
                                         the claim's state folded from its stream (optionally as of a moment)
  export [--after <position>] [--types A,B]
                                         every event after a position as NDJSON on stdout, progress on stderr
  projections status                     each projection's checkpoint and last error
  projections catch-up                   apply everything committed so far, then exit

Uses DATABASE_URL, else the embedded database in .claimtrail/ (stop the API first: one process at a time).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'as-of': { type: 'string' },
    'business-time': { type: 'boolean' },
    after: { type: 'string' },
    types: { type: 'string' },
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
    migrations: [...EVENT_STORE_MIGRATIONS, CreateProjectionCheckpoints1764201700000, ...CLAIMS_MIGRATIONS],
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
      case 'projections':
        if (arg === 'status') {
          (await new CheckpointStore(poolOf(dataSource)).statuses()).forEach(write);
          return 0;
        }
        if (arg === 'catch-up') {
          for (const projection of CLAIMS_PROJECTIONS) {
            const applied = await new ProjectionRunner(store, dataSource, projection).catchUp();
            process.stderr.write(`${projection.name}: applied ${applied} events\n`);
          }
          return 0;
        }
        throw new Error('projections takes status or catch-up');
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
