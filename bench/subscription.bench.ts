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

/** A rate, and the CPU the process that produced it used per event (µs; undefined where it cannot be read). */
interface Sample {
  rate: number;
  cpuPerEvent: number | undefined;
}

async function sampled(
  cpuMicros: () => number | undefined,
  events: number,
  measure: () => Promise<number>,
): Promise<Sample> {
  const before = cpuMicros();
  const rate = await measure();
  const after = cpuMicros();
  return {
    rate,
    cpuPerEvent: before === undefined || after === undefined ? undefined : (after - before) / events,
  };
}

const ownCpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * One subscriber's delivery rate against the event store's read-all rate over the same events, interleaved round by
 * round so that drift on the shared machine hits both alike. The CPU per event of the process that delivers (or, for
 * read-all, reads) is recorded too: it drifts far less than the rates on a shared machine.
 */
export async function runSubscriptionBench(book: ClaimsBook, api: ApiProcess): Promise<void> {
  const events = Math.min(EVENTS, book.stats.events);
  const samples = {
    readAll: [] as Sample[],
    floor: [] as Sample[],
    claimEvents: [] as Sample[],
    claimEventBatches: [] as Sample[],
  };
  const floor = await startStreamFloorProcess(book.url);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      samples.readAll.push(await sampled(ownCpuMicros, events, () => readAllRate(book, events)));
      samples.floor.push(await sampled(floor.cpuMicros, events, () => floorRate(floor, events)));
      for (const operation of ['claimEvents', 'claimEventBatches'] as const)
        samples[operation].push(
          await sampled(api.cpuMicros, events, () => subscriptionRate(api, events, operation)),
        );
      const rate = (name: keyof typeof samples) => Math.round(samples[name].at(-1)!.rate);
      console.log(
        `  round ${round + 1}: read-all ${rate('readAll')} events/s, WebSocket floor ${rate('floor')}, claimEvents ${rate('claimEvents')}, claimEventBatches ${rate('claimEventBatches')} events/s`,
      );
    }
  } finally {
    await floor.stop();
  }
  const summary = (name: keyof typeof samples) => {
    const cpu = samples[name].map((s) => s.cpuPerEvent).filter((c): c is number => c !== undefined);
    return {
      eventsPerSecond: Math.round(median(samples[name].map((s) => s.rate))),
      cpuMicrosPerEvent: cpu.length ? Math.round(median(cpu) * 10) / 10 : null,
    };
  };
  const readAll = summary('readAll');
  const floorSummary = summary('floor');
  const ratioOf = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const row = (operation: Operation) => {
    const { eventsPerSecond, cpuMicrosPerEvent } = summary(operation);
    const ratio = ratioOf(eventsPerSecond, readAll.eventsPerSecond);
    const ofFloor = ratioOf(eventsPerSecond, floorSummary.eventsPerSecond);
    return { operation, eventsPerSecond, cpuMicrosPerEvent, ratio, ofFloor, met: ratio >= TARGET };
  };
  const report = {
    generatedAt: new Date().toISOString(),
    machine: machine(book.serverVersion),
    events,
    rounds: ROUNDS,
    readAllEventsPerSecond: readAll.eventsPerSecond,
    readAllCpuMicrosPerEvent: readAll.cpuMicrosPerEvent,
    floor: { ...floorSummary, ratio: ratioOf(floorSummary.eventsPerSecond, readAll.eventsPerSecond) },
    results: [row('claimEvents'), row('claimEventBatches')],
    target: TARGET,
  };
  const m = report.machine;
  const cpu = (micros: number | null) => (micros === null ? 'n/a' : micros.toFixed(1));
  const describe: Record<Operation, string> = {
    claimEvents: 'one claimEvents subscriber (one event a message)',
    claimEventBatches: 'one claimEventBatches subscriber (up to 500 events a message)',
  };
  const table = [
    `Run ${runStamp(report.generatedAt)} UTC · ${m.cpus} cores (load average ${m.loadAverage.join(' ')}) · Node ${m.node} · PostgreSQL ${m.postgres} · ${events} events · median of ${ROUNDS} rounds`,
    '',
    '| Workload | Events/s | CPU µs/event | Baseline | Baseline events/s | Ratio | Of the WebSocket floor | Target |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |',
    ...report.results.map(
      (r) =>
        `| ${describe[r.operation]} over graphql-ws, from position zero, every field | ${r.eventsPerSecond} | ${cpu(r.cpuMicrosPerEvent)} | event store readAll, pages of ${PAGE} | ${report.readAllEventsPerSecond} | ${r.ratio.toFixed(2)}x | ${r.ofFloor.toFixed(2)}x | ≥ ${TARGET}x ${r.met ? 'met' : 'short'} |`,
    ),
    `| the WebSocket floor: a bare ws server, the database building each event's JSON, pages of 500 | ${report.floor.eventsPerSecond} | ${cpu(report.floor.cpuMicrosPerEvent)} | event store readAll, pages of ${PAGE} | ${report.readAllEventsPerSecond} | ${report.floor.ratio.toFixed(2)}x | 1.00x | |`,
    '',
    `CPU µs/event: what the process that delivers (the API, or the floor's server) used per event delivered, from /proc; read-all used ${cpu(report.readAllCpuMicrosPerEvent)} µs of the bench process's CPU per event.`,
  ].join('\n');
  await publish('subscription', report, table);
}
