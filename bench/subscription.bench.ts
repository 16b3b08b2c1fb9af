import { PostgresEventStore, type Position } from '@claimtrail/event-store';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startStreamFloorProcess, type ApiProcess, type ServerProcess } from './api-process.js';
import type { ClaimsBook } from './claims-book.js';
import { machine, publish, runStamp } from './docs-section.js';
import { median } from './workloads.js';

const EVENTS = Number(process.env.BENCH_SUBSCRIPTION_EVENTS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGE = 1000;
const TARGET = 0.8;

/** What an analytics job asks for: every field of each event, data included. */
const FIELDS =
  'position type claimId version schemaVersion data recordedAt metadata { actor occurredAt commandId }';
const SUBSCRIPTIONS = {
  claimEvents: { query: `subscription { claimEvents { ${FIELDS} } }`, count: () => 1 },
  claimEventBatches: {
    query: `subscription { claimEventBatches { lastPosition events { ${FIELDS} } } }`,
    count: (data: Record<string, unknown>) => (data.claimEventBatches as { events: unknown[] }).events.length,
  },
};
type Operation = keyof typeof SUBSCRIPTIONS;

/** The event store's own read of the log, in pages, straight from the database: the rate a subscriber could reach. */
async function readAllRate(book: ClaimsBook, events: number): Promise<number> {
  const store = new PostgresEventStore(book.pool);
  const started = performance.now();
  let after: Position | undefined;
  let read = 0;
  while (read < events) {
    const page = await store.readAll({ after, limit: Math.min(PAGE, events - read) });
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1]!.position;
  }
  return read / ((performance.now() - started) / 1000);
}

/** One subscriber over graphql-ws from the start of the log, until it has received `events`. */
async function subscriptionRate(api: ApiProcess, events: number, operation: Operation): Promise<number> {
  const { query, count } = SUBSCRIPTIONS[operation];
  const client = createClient({
    url: api.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    connectionParams: { authorization: api.authorization },
  });
  const started = performance.now();
  let received = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const stop = client.subscribe(
        { query },
        {
          next: (message) => {
            if (message.errors) return reject(new Error(JSON.stringify(message.errors)));
            received += count(message.data!);
            if (received >= events) {
              stop();
              resolve();
            }
          },
          error: reject,
          complete: () => resolve(),
        },
      );
    });
  } finally {
    await client.dispose();
  }
  return received / ((performance.now() - started) / 1000);
}

/** The same events from the bench's WebSocket floor (stream-floor-server.ts), parsed as the subscriber parses them. */
async function floorRate(floor: ServerProcess, events: number): Promise<number> {
  const socket = new WebSocket(`ws://127.0.0.1:${floor.port}/`);
  const started = performance.now();
  let received = 0;
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { payload: { data: Record<string, unknown> } };
      received += SUBSCRIPTIONS.claimEventBatches.count(message.payload.data);
      if (received >= events) {
        socket.close();
        resolve();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
  return received / ((performance.now() - started) / 1000);
}

/**
 * One subscriber's delivery rate against the event store's read-all rate over the same events, interleaved round by
 * round so that drift on the shared machine hits both alike.
 */
export async function runSubscriptionBench(book: ClaimsBook, api: ApiProcess): Promise<void> {
  const events = Math.min(EVENTS, book.stats.events);
  const rates = {
    readAll: [] as number[],
    floor: [] as number[],
    claimEvents: [] as number[],
    claimEventBatches: [] as number[],
  };
  const floor = await startStreamFloorProcess(book.url);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      rates.readAll.push(await readAllRate(book, events));
      rates.floor.push(await floorRate(floor, events));
      rates.claimEvents.push(await subscriptionRate(api, events, 'claimEvents'));
      rates.claimEventBatches.push(await subscriptionRate(api, events, 'claimEventBatches'));
      console.log(
        `  round ${round + 1}: read-all ${Math.round(rates.readAll.at(-1)!)} events/s, WebSocket floor ${Math.round(rates.floor.at(-1)!)}, claimEvents ${Math.round(rates.claimEvents.at(-1)!)}, claimEventBatches ${Math.round(rates.claimEventBatches.at(-1)!)} events/s`,
      );
    }
  } finally {
    await floor.stop();
  }
  const readAll = median(rates.readAll);
  const floorEventsPerSecond = median(rates.floor);
  const row = (operation: Operation) => {
    const rate = median(rates[operation]);
    const ratio = Math.round((rate / readAll) * 100) / 100;
    const ofFloor = Math.round((rate / floorEventsPerSecond) * 100) / 100;
    return { operation, eventsPerSecond: Math.round(rate), ratio, ofFloor, met: ratio >= TARGET };
  };
  const report = {
    generatedAt: new Date().toISOString(),
    machine: machine(book.serverVersion),
    events,
    rounds: ROUNDS,
    readAllEventsPerSecond: Math.round(readAll),
    floor: {
      eventsPerSecond: Math.round(floorEventsPerSecond),
      ratio: Math.round((floorEventsPerSecond / readAll) * 100) / 100,
    },
    results: [row('claimEvents'), row('claimEventBatches')],
    target: TARGET,
  };
  const m = report.machine;
  const describe: Record<Operation, string> = {
    claimEvents: 'one claimEvents subscriber (one event a message)',
    claimEventBatches: 'one claimEventBatches subscriber (up to 500 events a message)',
  };
  const table = [
    `Run ${runStamp(report.generatedAt)} UTC · ${m.cpus} cores (load average ${m.loadAverage.join(' ')}) · Node ${m.node} · PostgreSQL ${m.postgres} · ${events} events · median of ${ROUNDS} rounds`,
    '',
    '| Workload | Events/s | Baseline | Baseline events/s | Ratio | Of the WebSocket floor | Target |',
    '| --- | ---: | --- | ---: | ---: | ---: | --- |',
    ...report.results.map(
      (r) =>
        `| ${describe[r.operation]} over graphql-ws, from position zero, every field | ${r.eventsPerSecond} | event store readAll, pages of ${PAGE} | ${report.readAllEventsPerSecond} | ${r.ratio.toFixed(2)}x | ${r.ofFloor.toFixed(2)}x | ≥ ${TARGET}x ${r.met ? 'met' : 'short'} |`,
    ),
    `| the WebSocket floor: a bare ws server, the database building each event's JSON, pages of 500 | ${report.floor.eventsPerSecond} | event store readAll, pages of ${PAGE} | ${report.readAllEventsPerSecond} | ${report.floor.ratio.toFixed(2)}x | 1.00x | |`,
  ].join('\n');
  await publish('subscription', report, table);
}
