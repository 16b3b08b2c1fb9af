import { mkdtemp, rm } from 'node:fs/promises';
import pg from 'pg';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess, startFloorProcess, type ServerProcess } from './api-process.js';
import { createEmptyDatabase, SERVER_URL } from './bench-database.js';
import { machine, publish, runStamp } from './docs-section.js';
import { latency, type Latency } from './stats.js';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 8);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP_SECONDS ?? 2);
const CLIENTS = (process.env.BENCH_API_CLIENTS ?? '1,16,64').split(',').map(Number);
const CPU_PROFILE_DIR = process.env.BENCH_API_CPU_PROFILE;

type TargetName = 'floor' | 'postgres' | 'embedded';
type Scenario = 'submit-read' | 'lifecycle' | 'empty';

/** One target's way to do each step: the floor's plain routes or the product's GraphQL operations. */
interface Target {
  name: TargetName;
  submit(claimId: string): Promise<string>;
  read(claimId: string, position: string): Promise<void>;
  /** The lifecycle after submit, one command per call. */
  command(claimId: string, step: number): Promise<void>;
  /** A request that does no work of its own: what the server's stack costs. */
  empty(): Promise<void>;
  stop(): Promise<void>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function call(port: number, method: 'GET' | 'POST', path: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body
          ? {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: AUTHORIZATION.value,
            }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
          else resolve(text);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const today = new Date().toISOString().slice(0, 10);

/** Every API the bench starts accepts the same bench token (bench/api-process.ts). */
const AUTHORIZATION = { value: '' };

/** The same claim for both: one line, as a front end submits it. */
const claimInput = (claimId: string) => ({
  claimId,
  patientRef: `PT-${claimId}`,
  providerNpi: '1234567893',
  payerId: 'MCRTX',
  diagnoses: ['E11.9'],
  lines: [{ procedureCode: '99214', chargeCents: 18_000, diagnosisPointers: [1], serviceDate: today }],
});

/** After submit: acknowledged, paid with coinsurance, the patient billed, the patient pays (closed). */
const LIFECYCLE: [mutation: string, input: string, fields: (claimId: string) => object][] = [
  ['acknowledgeClaim', 'AcknowledgeClaimInput', (id) => ({ payerClaimNumber: `P-${id}`, statusCode: 'A1' })],
  [
    'recordPayment',
    'RecordPaymentInput',
    (id) => ({
      paymentId: `E-${id}`,
      paidDate: today,
      paidCents: 12_000,
      adjustments: [
        { groupCode: 'CO', carc: '45', amountCents: 3_000 },
        { groupCode: 'PR', carc: '2', amountCents: 3_000 },
      ],
    }),
  ],
  [
    'billPatient',
    'BillPatientInput',
    (id) => ({ statementId: `S-${id}`, amountCents: 3_000, dueDate: today }),
  ],
  [
    'recordPatientPayment',
    'RecordPatientPaymentInput',
    (id) => ({ paymentId: `PP-${id}`, amountCents: 3_000 }),
  ],
];

function graphqlTarget(name: TargetName, port: number, stop: () => Promise<void>): Target {
  const graphql = async (query: string, variables: object) => {
    const text = await call(port, 'POST', '/graphql', JSON.stringify({ query, variables }));
    const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors[0]!.message);
    return body.data!;
  };
  const SUBMIT = 'mutation Submit($input: SubmitClaimInput!) { submitClaim(input: $input) { position } }';
  const READ =
    'query Claim($id: ID!, $at: String) { claim(id: $id, atLeastPosition: $at) { id status version totalChargeCents } }';
  const commands = LIFECYCLE.map(
    ([mutation, input]) => `mutation Step($input: ${input}!) { ${mutation}(input: $input) { position } }`,
  );
  return {
    name,
    submit: async (claimId) =>
      ((await graphql(SUBMIT, { input: claimInput(claimId) })).submitClaim as { position: string }).position,
    read: async (claimId, position) => {
      const data = await graphql(READ, { id: claimId, at: position });
      if (!data.claim) throw new Error('read-your-write returned no claim');
    },
    command: async (claimId, step) => {
      await graphql(commands[step]!, { input: { claimId, ...LIFECYCLE[step]![2](claimId) } });
    },
    // Authenticated, logged and executed like any operation, without a resolver or the database.
    empty: async () => {
      await graphql('{ __typename }', {});
    },
    stop,
  };
}

function floorTarget(server: ServerProcess): Target {
  return {
    name: 'floor',
    submit: async (claimId) =>
      (
        JSON.parse(await call(server.port, 'POST', '/submit', JSON.stringify(claimInput(claimId)))) as {
          position: string;
        }
      ).position,
    read: async (claimId) => {
      if (JSON.parse(await call(server.port, 'GET', `/claim?id=${encodeURIComponent(claimId)}`)) === null)
        throw new Error('floor read returned nothing');
    },
    command: async (claimId, step) => {
      await call(
        server.port,
        'POST',
        '/command',
        JSON.stringify({ claimId, ...LIFECYCLE[step]![2](claimId) }),
      );
    },
    empty: async () => {
      await call(server.port, 'GET', '/empty');
    },
    stop: server.stop,
  };
}

interface Cell {
  target: TargetName;
  scenario: Scenario;
  clients: number;
  seconds: number;
  /** Submit-and-read pairs, or lifecycle commands. */
  operations: number;
  perSecond: number;
  failed: number;
  firstError?: string;
  /** A pair (submit then read) or one command. */
  operation: Latency;
  submit?: Latency;
  read?: Latency;
}

let run = 0;

/** Closed loop: each client starts its next operation when the last one answered, for the given time. */
async function load(target: Target, scenario: Scenario, clients: number, seconds: number): Promise<Cell> {
  const tag = `${target.name[0]}${++run}`;
  const operation: number[] = [];
  const submit: number[] = [];
  const read: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const end = started + seconds * 1000;
  const client = async (c: number) => {
    for (let i = 0; performance.now() < end; i++) {
      const claimId = `B${tag}-${c}-${i}`;
      try {
        if (scenario === 'submit-read') {
          const t0 = performance.now();
          const position = await target.submit(claimId);
          const t1 = performance.now();
          await target.read(claimId, position);
          const t2 = performance.now();
          submit.push(t1 - t0);
          read.push(t2 - t1);
          operation.push(t2 - t0);
        } else if (scenario === 'empty') {
          const t0 = performance.now();
          await target.empty();
          operation.push(performance.now() - t0);
        } else {
          let t0 = performance.now();
          await target.submit(claimId);
          operation.push(performance.now() - t0);
          for (let step = 0; step < LIFECYCLE.length && performance.now() < end; step++) {
            t0 = performance.now();
            await target.command(claimId, step);
            operation.push(performance.now() - t0);
          }
        }
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message.slice(0, 200);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const elapsed = (performance.now() - started) / 1000;
  return {
    target: target.name,
    scenario,
    clients,
    seconds: Math.round(elapsed * 10) / 10,
    operations: operation.length,
    perSecond: Math.round(operation.length / elapsed),
    failed,
    ...(firstError ? { firstError } : {}),
    operation: latency(operation),
    ...(scenario === 'submit-read' ? { submit: latency(submit), read: latency(read) } : {}),
  };
}

const ratio = (value: number, floor: number) => Math.round((value / floor) * 100) / 100;

/**
 * The API round trip against its floor (issue 10): submit-then-read-your-write pairs and lifecycle commands with 1, 16
 * and 64 clients, on PostgreSQL, on the embedded database and on node:http + pg, interleaved in one run.
 */
export async function runApiBench(): Promise<void> {
  const floorDb = await createEmptyDatabase(SERVER_URL);
  const productDb = await createEmptyDatabase(SERVER_URL);
  const dataDir = await mkdtemp(join(tmpdir(), 'claimtrail-bench-api-'));
  const targets: Target[] = [];
  try {
    targets.push(floorTarget(await startFloorProcess(floorDb.url)));
    for (const [name, url] of [
      ['postgres', productDb.url],
      ['embedded', undefined],
    ] as const) {
      const api = await startApiProcess(url, {
        dataDir,
        ...(CPU_PROFILE_DIR ? { cpuProfileDir: join(CPU_PROFILE_DIR, name) } : {}),
      });
      AUTHORIZATION.value = api.authorization;
      targets.push(graphqlTarget(name, Number(new URL(api.url).port), api.stop));
    }
    const cells: Cell[] = [];
    for (const scenario of ['submit-read', 'lifecycle', 'empty'] as const) {
      for (const clients of CLIENTS) {
        for (const target of targets) {
          await load(target, scenario, clients, WARMUP_SECONDS);
          const cell = await load(target, scenario, clients, SECONDS);
          cells.push(cell);
          console.log(
            `  ${scenario} ${clients} client(s) ${target.name}: ${cell.perSecond}/s, p50 ${cell.operation.p50} ms` +
              (cell.failed ? `, ${cell.failed} failed (${cell.firstError})` : ''),
          );
        }
      }
    }
    await report(cells);
  } finally {
    for (const target of targets) await target.stop();
    agent.destroy();
    await floorDb.drop();
    await productDb.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function report(cells: Cell[]): Promise<void> {
  const cell = (target: TargetName, scenario: Scenario, clients: number) =>
    cells.find((c) => c.target === target && c.scenario === scenario && c.clients === clients)!;
  const targets = {
    pairs16: { postgres: 0.5, embedded: 0.3 },
    readP50Ms: 3,
    submitP50VsFloor: 1.5,
  };
  const checks = (['postgres', 'embedded'] as const).flatMap((name) => {
    const list: { check: string; value: number; target: number; met: boolean }[] = [];
    if (CLIENTS.includes(16)) {
      const value = ratio(
        cell(name, 'submit-read', 16).perSecond,
        cell('floor', 'submit-read', 16).perSecond,
      );
      list.push({
        check: `${name}: 16 clients, pairs/s vs floor`,
        value,
        target: targets.pairs16[name],
        met: value >= targets.pairs16[name],
      });
    }
    if (CLIENTS.includes(1)) {
      const one = cell(name, 'submit-read', 1);
      const floor = cell('floor', 'submit-read', 1);
      list.push({
        check: `${name}: 1 client, read-your-write p50 ms`,
        value: one.read!.p50,
        target: targets.readP50Ms,
        met: one.read!.p50 < targets.readP50Ms,
      });
      const value = ratio(one.submit!.p50, floor.submit!.p50);
      list.push({
        check: `${name}: 1 client, submit p50 vs floor`,
        value,
        target: targets.submitP50VsFloor,
        met: value <= targets.submitP50VsFloor,
      });
    }
    return list;
  });
  // A pair is two requests: a target of k x the floor's pairs needs 2k x its pairs in requests, work included.
  const ceiling = CLIENTS.includes(16)
    ? (['postgres', 'embedded'] as const).map((name) => ({
        name,
        emptyPerSecond: cell(name, 'empty', 16).perSecond,
        neededPerSecond: Math.round(2 * targets.pairs16[name] * cell('floor', 'submit-read', 16).perSecond),
      }))
    : [];
  const generatedAt = new Date().toISOString();
  const postgres = await serverVersion();
  const result = {
    generatedAt,
    machine: machine(postgres),
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    cells,
    checks,
    ceiling,
  };
  const label = {
    'submit-read': 'submit, then read-your-write (pairs)',
    lifecycle: 'lifecycle commands',
    empty: 'empty request: { __typename } (floor: node:http alone)',
  };
  const rows = (['submit-read', 'lifecycle', 'empty'] as const).flatMap((scenario) =>
    CLIENTS.map((clients) => {
      const floor = cell('floor', scenario, clients);
      const pg = cell('postgres', scenario, clients);
      const embedded = cell('embedded', scenario, clients);
      const p = (c: Cell) => `${c.operation.p50} / ${c.operation.p95} / ${c.operation.p99}`;
      return `| ${label[scenario]} | ${clients} | ${floor.perSecond} | ${pg.perSecond} (${ratio(pg.perSecond, floor.perSecond).toFixed(2)}x) | ${embedded.perSecond} (${ratio(embedded.perSecond, floor.perSecond).toFixed(2)}x) | ${p(floor)} | ${p(pg)} | ${p(embedded)} | ${pg.failed + embedded.failed} |`;
    }),
  );
  const parts = CLIENTS.includes(1)
    ? (['floor', 'postgres', 'embedded'] as const).map((name) => {
        const one = cell(name, 'submit-read', 1);
        return `| ${name} | ${one.submit!.p50} | ${one.submit!.p95} | ${one.read!.p50} | ${one.read!.p95} |`;
      })
    : [];
  const table = [
    `Run ${runStamp(generatedAt)} UTC · ${result.machine.cpus} cores (load average ${result.machine.loadAverage.join(' ')}) · Node ${result.machine.node} · PostgreSQL ${postgres} · ${SECONDS} s per cell after ${WARMUP_SECONDS} s of warm-up · closed loop, keep-alive HTTP/1.1`,
    '',
    '| Workload | Clients | Floor /s | PostgreSQL /s | Embedded /s | Floor p50/p95/p99 ms | PostgreSQL p50/p95/p99 ms | Embedded p50/p95/p99 ms | Failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...(parts.length
      ? [
          'One client, each half of the pair:',
          '',
          '| Server | submit p50 ms | submit p95 ms | read-your-write p50 ms | read-your-write p95 ms |',
          '| --- | ---: | ---: | ---: | ---: |',
          ...parts,
          '',
        ]
      : []),
    ...(ceiling.length
      ? [
          'At 16 clients, requests per second the pairs target needs (two per pair) against what an empty request reaches:',
          '',
          '| Server | needed for the target /s | empty request /s |',
          '| --- | ---: | ---: |',
          ...ceiling.map((c) => `| ${c.name} | ${c.neededPerSecond} | ${c.emptyPerSecond} |`),
          '',
        ]
      : []),
    '| Target | Measured | Target | |',
    '| --- | ---: | ---: | --- |',
    ...checks.map(
      (c) =>
        `| ${c.check} | ${c.value} | ${c.check.includes('ms') ? '<' : c.check.includes('submit') ? '≤' : '≥'} ${c.target} | ${c.met ? 'met' : 'short'} |`,
    ),
  ].join('\n');
  await publish('api', result, table);
}

async function serverVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}
