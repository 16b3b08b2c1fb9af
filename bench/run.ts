import { runApiBench } from './api.bench.js';
import { runAppBench } from './app.bench.js';
import { startApiProcess } from './api-process.js';
import { openClaimsBook } from './claims-book.js';
import { runEventStoreBench } from './event-store.bench.js';
import { runLagBench } from './lag.bench.js';
import { runQueriesBench } from './queries.bench.js';
import { runRemittanceImportBench } from './remittance-import.bench.js';
import { catchUpAll, runRebuildBench } from './rebuild.bench.js';
import { runSubscriptionBench } from './subscription.bench.js';

/**
 * `npm run bench` runs every suite; `npm run bench -- <suite> ...` runs the ones named. read-models stands for
 * rebuild, queries and lag, which share one generated book (loaded once), as does subscription.
 */
const SUITES = [
  'event-store',
  'api',
  'remittance-import',
  'rebuild',
  'queries',
  'lag',
  'subscription',
  'app',
] as const;
type Suite = (typeof SUITES)[number];
const GROUPS: Record<string, Suite[]> = { all: [...SUITES], 'read-models': ['rebuild', 'queries', 'lag'] };

function selected(args: string[]): Set<Suite> {
  if (args.length === 0) return new Set(SUITES);
  const suites = new Set<Suite>();
  for (const arg of args) {
    if (GROUPS[arg]) GROUPS[arg].forEach((suite) => suites.add(suite));
    else if ((SUITES as readonly string[]).includes(arg)) suites.add(arg as Suite);
    else throw new Error(`Unknown suite ${arg}: one of ${[...SUITES, ...Object.keys(GROUPS)].join(', ')}`);
  }
  return suites;
}

const suites = selected(process.argv.slice(2));
if (suites.has('event-store')) {
  console.log('event-store');
  await runEventStoreBench();
}
if (suites.has('api')) {
  console.log('api');
  await runApiBench();
}
if (suites.has('remittance-import')) {
  console.log('remittance-import');
  await runRemittanceImportBench();
}
const onBook = ['rebuild', 'queries', 'lag', 'subscription', 'app'] as const;
if (onBook.some((suite) => suites.has(suite))) {
  const book = await openClaimsBook();
  try {
    if (suites.has('rebuild')) {
      console.log('rebuild');
      await runRebuildBench(book);
    } else await catchUpAll(book);
    if (suites.has('queries') || suites.has('lag') || suites.has('subscription') || suites.has('app')) {
      const profile = process.env.BENCH_API_CPU_PROFILE;
      const api = await startApiProcess(book.url, profile ? { cpuProfileDir: profile } : {});
      try {
        if (suites.has('queries')) {
          console.log('queries');
          await runQueriesBench(book, api);
        }
        if (suites.has('lag')) {
          console.log('lag');
          await runLagBench(book, api);
        }
        if (suites.has('subscription')) {
          console.log('subscription');
          await runSubscriptionBench(book, api);
        }
        if (suites.has('app')) {
          console.log('app');
          await runAppBench(book, api);
        }
      } finally {
        await api.stop();
      }
    }
  } finally {
    await book.close();
  }
}
