import { existsSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ApiProcess, AppProcess } from '../support/api-process.js';
import { submitClaimInput } from '../support/claim-inputs.js';
import { databaseKinds, onDatabaseKind, type KindSuite } from '../support/database-kinds.js';
import { subscribeEvents, type LogEvent } from '../support/event-subscriber.js';
import { mutation, randomCommand, type Command } from '../support/random-commands.js';
import { dumpReadModels, projections, startRebuilds, until } from '../support/read-models.js';
import { bearer } from '../support/test-tokens.js';

const CLIENTS = 20;
const SIGNAL_AFTER_ACKNOWLEDGED = 300;
const SETTINGS = {
  // Generous: the bound is tested below with its own value; here a slow machine must not turn a drain into a kill.
  SHUTDOWN_TIMEOUT_MS: '60000',
  READ_YOUR_WRITES_TIMEOUT_MS: '30000',
  // Many small batches, so that the signal finds the projector in the middle of its backlog.
  PROJECTION_BATCH_SIZE: '3',
};
const API_PHASES = [
  'started',
  'draining',
  'closing-subscriptions',
  'drained',
  'projections-stopped',
  'database-closed',
  'stopped',
];

interface Answer {
  status: number;
  connection: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function send(url: string, command: Command): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await bearer('load')) },
    body: JSON.stringify({ query: mutation(command.name), variables: { input: command.input } }),
  });
  return {
    status: response.status,
    connection: response.headers.get('connection'),
    body: (await response.json()) as Answer['body'],
  };
}

const submit = (commandId: string): Command => ({
  name: 'submitClaim',
  input: submitClaimInput({ commandId }) as unknown as Command['input'],
});

/**
 * A raw HTTP/1.1 request on its own connection, for the moments the test controls byte by byte: a command (POST
 * /graphql) or a GET of the path given.
 */
async function rawRequest(url: string, request: Command | string) {
  const { hostname, port } = new URL(url);
  const get = typeof request === 'string';
  const body = get
    ? ''
    : JSON.stringify({ query: mutation(request.name), variables: { input: request.input } });
  const requestLine = get ? `GET ${request} HTTP/1.1\r\n` : 'POST /graphql HTTP/1.1\r\n';
  const headers =
    `Host: ${hostname}:${port}\r\n` +
    (get
      ? ''
      : `Content-Type: application/json\r\nAuthorization: ${(await bearer('load')).authorization}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n`);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  socket.on('data', (chunk) => (text += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    /** Sends the request line only: the connection is busy from then on, not idle. */
    begin: () => socket.write(requestLine),
    /** Sends the rest of a request begun. */
    finish: () => socket.write(`${headers}\r\n${body}`),
    /** Sends all but the body, asking to continue; resolves once the server has taken the request. */
    async hold(): Promise<void> {
      socket.write(`${requestLine}${headers}Expect: 100-continue\r\n\r\n`);
      await until(async () => text.startsWith('HTTP/1.1 100 Continue'));
    },
    /** Sends the body of a held request. */
    release: () => socket.write(body),
    /** What the server answered, once it has closed the connection: status, Connection header and JSON body. */
    async answer(): Promise<Answer> {
      await closed;
      const final = text.slice(text.lastIndexOf('HTTP/1.1 '));
      if (!final.includes('\r\n\r\n') || final.startsWith('HTTP/1.1 100 '))
        return { status: 0, connection: null, body: {} };
      const [head, payload] = final.split('\r\n\r\n') as [string, string];
      return {
        status: Number(head.slice(9, 12)),
        connection: /\r\nconnection: ([^\r]+)/i.exec(head)?.[1] ?? null,
        body: JSON.parse(payload.startsWith('{') ? payload : chunkedBody(payload)),
      };
    },
  };
}

function chunkedBody(payload: string): string {
  let out = '';
  let rest = payload;
  for (;;) {
    const cut = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, cut), 16);
    if (!size) return out;
    out += rest.slice(cut + 2, cut + 2 + size);
    rest = rest.slice(cut + 2 + size + 2);
  }
}

function phasesIn(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { phase?: string })
    .flatMap((line) => (line.phase ? [line.phase] : []));
}

const errorLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{') && (JSON.parse(line) as { level: number }).level >= 50);

async function waitForOutput(app: AppProcess, text: string): Promise<void> {
  await until(async () => app.output().includes(text), 30_000);
}

/** The whole log from its start, read with claimEventBatches: position and commandId of each event. */
async function wholeLog(url: string): Promise<(LogEvent & { metadata: { commandId: string } })[]> {
  const health = (await (await fetch(url.replace('/graphql', '/health'))).json()) as any;
  const head = health.details.eventStore.headPosition as string;
  const client = wsClient(url);
  const events: (LogEvent & { metadata: { commandId: string } })[] = [];
  let reachedHead = () => {};
  const reached = new Promise<void>((resolve) => (reachedHead = resolve));
  const { ended, stop } = subscribeEvents(
    client,
    {},
    (event) => {
      events.push(event as LogEvent & { metadata: { commandId: string } });
      if (event.position === head) reachedHead();
    },
    'claimEventBatches',
    'position claimId type version metadata { commandId }',
  );
  await Promise.race([reached, ended.then((errors) => Promise.reject(new Error(JSON.stringify(errors))))]);
  stop();
  await client.dispose();
  return events;
}

function wsClient(url: string, onClosed?: (event: { code: number; reason: string }) => void): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    connectionParams: () => bearer(),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    // Kept open after its subscription ends, so that the server's close frame is the one received.
    lazy: false,
    onNonLazyError: () => {},
    on: { closed: (event) => onClosed?.(event as { code: number; reason: string }) },
  });
}

async function stopped(app: AppProcess): Promise<number | string | null> {
  app.child.kill('SIGTERM');
  return app.exited;
}

/**
 * Rebuilds every projection from the whole log through an API on the database (stopped before and after), and
 * expects the read models to equal projected: no batch was left half applied or applied twice.
 */
async function expectEqualToRebuild(
  suite: KindSuite,
  env: NodeJS.ProcessEnv,
  projected: Record<string, string[]>,
): Promise<void> {
  const api = await suite.startApi(env);
  try {
    await rebuildAll(api);
  } finally {
    expect(await stopped(api)).toBe(0);
  }
  const database = await suite.kind.open();
  const rebuilt = await dumpReadModels(database);
  await database.close();
  expect(projected).toEqual(rebuilt);
}

/** Rebuilds every projection through the API from the whole log, and waits until each has switched and caught up. */
async function rebuildAll(api: ApiProcess): Promise<void> {
  await startRebuilds(api.url);
  await until(
    async () => (await projections(api.url)).every((p) => p.rebuild === null && p.caughtUp),
    120_000,
  );
}

describe.each(databaseKinds())('the API on %s, stopped with SIGTERM under load', (_kind, open) => {
  const suite = onDatabaseKind(open);

  it('answers what it took, refuses the rest with SHUTTING_DOWN, ends subscriptions where they stood, exits 0 and loses nothing', async () => {
    const current = await suite.startApi(SETTINGS);
    const late = await rawRequest(current.url, randomCommand(['CLM-LATE'], 'late-1'));
    const ready = await rawRequest(current.url, '/health/ready');
    const live = await rawRequest(current.url, '/health/live');
    const pool: string[] = [];
    for (let i = 0; i < 12; i++) {
      const seed = submit(`seed-${i}`);
      expect((await send(current.url, seed)).body.errors).toBeUndefined();
      pool.push(seed.input.claimId);
    }

    const delivered: LogEvent[] = [];
    let closedWith: { code: number; reason: string } | undefined;
    const subscriber = wsClient(current.url, (event) => (closedWith ??= event));
    const subscription = subscribeEvents(subscriber, {}, (event) => delivered.push(event));

    const acknowledged = new Map<string, Command>();
    const refused = new Map<string, Answer>();
    const unanswered = new Map<string, Command>();
    let exited = false;
    const client = async (c: number) => {
      for (let i = 0; !exited; i++) {
        const command = randomCommand(pool, `load-${c}-${i}`);
        let answer: Answer;
        try {
          answer = await send(current.url, command);
        } catch {
          unanswered.set(command.input.commandId, command);
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
        if (codes.includes('INTERNAL_SERVER_ERROR')) throw new Error(`Internal error on ${command.name}`);
        if (codes.includes('SHUTTING_DOWN')) refused.set(command.input.commandId, answer);
        else if (codes.length === 0) {
          acknowledged.set(command.input.commandId, command);
          if (command.name === 'submitClaim') pool.push(command.input.claimId);
        }
      }
    };
    const running = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await until(async () => acknowledged.size >= SIGNAL_AFTER_ACKNOWLEDGED, 120_000);

    // Begun before the signal and finished after it: their connections are not idle, so the drain answers them.
    for (const begun of [late, ready, live]) begun.begin();
    // Taken before the signal: its headers are in, its body is not (100-continue says the server took it).
    const taken = await rawRequest(current.url, submit('taken-1'));
    await taken.hold();

    current.child.kill('SIGTERM');
    await waitForOutput(current, '"phase":"draining"');
    taken.release();
    for (const begun of [late, ready, live]) begun.finish();
    expect(await current.exited).toBe(0);
    exited = true;
    await running;

    const output = current.output();
    expect(phasesIn(output)).toEqual(API_PHASES);
    expect(errorLines(output)).toEqual([]);
    const { dataDir } = suite.kind;
    if (dataDir) {
      expect(existsSync(join(dataDir, 'claimtrail.lock'))).toBe(false);
      // PostgreSQL's control file says how the cluster stopped: 1 is a clean shutdown, 6 (in production) a crash.
      expect(readFileSync(join(dataDir, 'global', 'pg_control')).readUInt32LE(16)).toBe(1);
    }

    const takenAnswer = await taken.answer();
    expect(takenAnswer).toMatchObject({ status: 200, connection: 'close' });
    expect(takenAnswer.body.errors).toBeUndefined();
    acknowledged.set('taken-1', { name: 'submitClaim', input: { claimId: '', commandId: 'taken-1' } });
    refused.set('late-1', await late.answer());
    for (const answer of refused.values()) {
      expect(answer.status).toBe(503);
      expect(answer.connection).toBe('close');
      expect(answer.body).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'SHUTTING_DOWN' } }],
      });
    }

    // Readiness said so at once; the process was still alive.
    const readiness = await ready.answer();
    expect(readiness).toMatchObject({ status: 503, connection: 'close' });
    expect(readiness.body).toMatchObject({
      error: { shutdown: { status: 'down', reason: 'shutting down' } },
    });
    expect(await live.answer()).toMatchObject({ status: 200, connection: 'close' });

    const [ended] = (await subscription.ended)!;
    const lastPosition = delivered.at(-1)!.position;
    expect(ended!.extensions).toEqual({ code: 'SHUTTING_DOWN', lastPosition });
    expect(closedWith?.code).toBe(1001);
    expect(JSON.parse(closedWith!.reason)).toEqual({ code: 'SHUTTING_DOWN', lastPosition });
    await subscriber.dispose();

    // Restarted on the same database: every command it answered is in the log once, none it did not answer is.
    const api = await suite.startApi(SETTINGS);
    const log = await wholeLog(api.url);
    const seen = new Map<string, number>();
    for (const event of log)
      seen.set(event.metadata.commandId, (seen.get(event.metadata.commandId) ?? 0) + 1);
    for (const commandId of acknowledged.keys())
      expect([commandId, seen.get(commandId)]).toEqual([commandId, 1]);
    for (const commandId of [...refused.keys(), ...unanswered.keys()])
      expect([commandId, seen.get(commandId)]).toEqual([commandId, undefined]);
    for (const [commandId, count] of seen) expect([commandId, count]).toEqual([commandId, 1]);

    // The subscriber resumes after its lastPosition and misses nothing, repeats nothing.
    const resumed: LogEvent[] = [];
    const resumer = wsClient(api.url);
    const head = log.at(-1)!.position;
    const resumption = subscribeEvents(resumer, { after: lastPosition }, (event) => resumed.push(event));
    await until(async () => resumed.at(-1)?.position === head || lastPosition === head);
    resumption.stop();
    await resumer.dispose();
    expect([...delivered, ...resumed].map((e) => e.position)).toEqual(log.map((e) => e.position));

    // No batch was left half applied: caught up, the read models equal a rebuild from the whole log.
    await until(async () => (await projections(api.url)).every((p) => p.caughtUp));
    expect(await stopped(api)).toBe(0);
    const database = await suite.kind.open();
    const projected = await dumpReadModels(database);
    await database.close();
    expect(projected.claim_summaries!.length).toBeGreaterThan(12);
    await expectEqualToRebuild(suite, SETTINGS, projected);
  }, 300_000);
});

/** PostgreSQL when DATABASE_URL is set (quicker to start), else the embedded database in memory. */
const quickest = databaseKinds()[0]![1];

describe('a shutdown that cannot finish', () => {
  const suite = onDatabaseKind(quickest);

  /** An API holding a request whose body never comes, signalled once. */
  async function stuck(timeoutMs: string): Promise<ApiProcess> {
    const api = await suite.startApi({ SHUTDOWN_TIMEOUT_MS: timeoutMs });
    await (await rawRequest(api.url, submit('held-1'))).hold();
    api.child.kill('SIGTERM');
    await waitForOutput(api, '"phase":"draining"');
    return api;
  }

  const forced = (output: string) =>
    output.split('\n').filter((line) => line.includes('"phase":"forced"') && line.includes('"level":40'));

  it('exits 1 with a warning once SHUTDOWN_TIMEOUT_MS has passed', async () => {
    const held = await stuck('1000');
    expect(await held.exited).toBe(1);
    expect(forced(held.output())).toHaveLength(1);
    expect(held.output()).not.toContain('"phase":"stopped"');
  });

  it('exits 1 with a warning on a second signal', async () => {
    const held = await stuck('60000');
    held.child.kill('SIGTERM');
    expect(await held.exited).toBe(1);
    expect(forced(held.output())).toHaveLength(1);
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)(
  'the projector worker, stopped with SIGTERM in the middle of its backlog',
  () => {
    const suite = onDatabaseKind(quickest, 'projector');

    it('commits the batch it is applying, closes its pool, exits 0, and resumes where it stopped', async () => {
      const env = { PROJECTOR_IN_PROCESS: 'false' };
      const api = await suite.startApi(env);
      const current = api;
      const pool: string[] = [];
      for (let i = 0; i < 20; i++) {
        const seed = submit(`seed-${i}`);
        expect((await send(current.url, seed)).body.errors).toBeUndefined();
        pool.push(seed.input.claimId);
      }
      await Promise.all(
        Array.from({ length: 8 }, async (_, c) => {
          for (let i = 0; i < 25; i++) await send(current.url, randomCommand(pool, `load-${c}-${i}`));
        }),
      );

      let worker: AppProcess = await suite.startProjector({ PROJECTION_BATCH_SIZE: '2' });
      await until(async () => (await projections(current.url)).some((p) => p.eventsApplied >= 40));
      expect(await stopped(worker)).toBe(0);
      expect(phasesIn(worker.output())).toEqual([
        'started',
        'draining',
        'projections-stopped',
        'database-closed',
        'stopped',
      ]);
      expect(errorLines(worker.output())).toEqual([]);
      expect((await projections(current.url)).some((p) => !p.caughtUp)).toBe(true);

      worker = await suite.startProjector();
      await until(async () => (await projections(current.url)).every((p) => p.caughtUp));
      expect(await stopped(worker)).toBe(0);
      expect(await stopped(api)).toBe(0);
      const database = await suite.kind.open();
      const projected = await dumpReadModels(database);
      await database.close();
      await expectEqualToRebuild(suite, env, projected);
    }, 300_000);
  },
);
