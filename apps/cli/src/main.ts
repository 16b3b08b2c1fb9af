import {
  claimAsOf,
  claimStreamName,
  fold,
  CLAIMS_MIGRATIONS,
  CLAIMS_ENTITIES,
  CLAIMS_PROJECTIONS,
} from '@claimtrail/claims';
import { openDataSource, poolOf, readDatabaseConfig, resolveDatabase } from '@claimtrail/database';
import { CreateEventStore1764201600000, PostgresEventStore, type EventStore } from '@claimtrail/event-store';
import {
  CheckpointStore,
  CreateProjectionCheckpoints1764201700000,
  ProjectionRunner,
} from '@claimtrail/projections';
import { parseArgs } from 'node:util';

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

async function exportEvents(store: EventStore): Promise<void> {
  let after = values.after;
  let count = 0;
  const types = values.types?.split(',').filter(Boolean);
  for (;;) {
    const batch = await store.readAll({ after, limit: 1000, types });
    if (batch.length === 0) break;
    for (const event of batch) write(event);
    count += batch.length;
    after = batch[batch.length - 1]!.position;
    process.stderr.write(`\rexported ${count} events, up to ${after}`);
  }
  process.stderr.write(`\rexported ${count} events${after ? `, up to ${after}` : ''}\n`);
}

async function main(): Promise<number> {
  const [command, arg] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { settings, problems } = readDatabaseConfig(process.env);
  if (problems.length > 0) {
    console.error(problems.map((p) => `${p.key} ${p.message}`).join('\n'));
    return 2;
  }
  const database = await resolveDatabase(settings);
  const dataSource = await openDataSource(database, {
    entities: [...CLAIMS_ENTITIES],
    migrations: [
      CreateEventStore1764201600000,
      CreateProjectionCheckpoints1764201700000,
      ...CLAIMS_MIGRATIONS,
    ],
  });
  const store = new PostgresEventStore(poolOf(dataSource));
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
      case 'export':
        await exportEvents(store);
        return 0;
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
