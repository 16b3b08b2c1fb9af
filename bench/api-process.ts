import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { ROLES } from '@claimtrail/platform';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { fileURLToPath } from 'node:url';

export interface ApiProcess {
  url: string;
  /** The Authorization header of a token with every role, which graphql() sends. */
  authorization: string;
  graphql<T = Record<string, unknown>>(query: string, variables?: object, headers?: object): Promise<T>;
  /** CPU time the process has used so far, in microseconds; undefined where there is no /proc. */
  cpuMicros(): number | undefined;
  stop(): Promise<void>;
}

export interface ServerProcess {
  port: number;
  cpuMicros(): number | undefined;
  stop(): Promise<void>;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

function cpuMicrosOf(pid: number | undefined): number | undefined {
  try {
    // utime and stime, the 14th and 15th fields; the command name before them may hold spaces, not ") ".
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface ApiProcessOptions {
  /** Without a database URL the API runs on the embedded database in this directory. */
  dataDir?: string;
  /** Writes a V8 CPU profile of the API process here when it stops (node --cpu-prof). */
  cpuProfileDir?: string;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

/** Starts one of the bench's servers (api-server.js, floor-server.js) in a child process on a free port. */
async function startServer(
  script: string,
  env: Record<string, string | undefined>,
  ready: (port: number) => Promise<unknown>,
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, PORT: String(port) };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child: ChildProcess = spawn(
    process.execPath,
    [...execArgv, fileURLToPath(new URL(script, import.meta.url))],
    { env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with code ${child.exitCode}`);
    try {
      await ready(port);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    port,
    cpuMicros: () => cpuMicrosOf(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function graphqlAt<T>(
  url: string,
  query: string,
  variables: object = {},
  headers: object = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data!;
}

/** Starts the API (with its projector) in a child process, as `npm start` runs it, and waits until it answers. */
export async function startApiProcess(
  databaseUrl: string | undefined,
  options: ApiProcessOptions = {},
): Promise<ApiProcess> {
  const issuer = await benchIssuer();
  const authorization = `Bearer ${await issuer.token('bench')}`;
  const server = await startServer(
    './api-server.js',
    {
      DATABASE_URL: databaseUrl,
      CLAIMTRAIL_DATA_DIR: databaseUrl ? undefined : options.dataDir,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // Production refuses to start without one; the bench seals no identities, so any key will do.
      PATIENT_MASTER_KEY: randomBytes(32).toString('base64'),
      PROJECTOR_IN_PROCESS: 'true',
      ...issuer.env,
    },
    (port) => graphqlAt(`http://127.0.0.1:${port}/graphql`, '{ payers { payerId } }', {}, { authorization }),
    options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
  );
  const url = `http://127.0.0.1:${server.port}/graphql`;
  return {
    url,
    authorization,
    graphql: (query, variables, headers) => graphqlAt(url, query, variables, { authorization, ...headers }),
    cpuMicros: server.cpuMicros,
    stop: server.stop,
  };
}

let issuer: Promise<{ env: Record<string, string>; token(actor: string): Promise<string> }> | undefined;

/**
 * The API runs in production mode, as it would serve users, so it needs an identity provider: a JWKS served from
 * this process with one RS256 key, whose tokens carry every role. The API fetches the key once and caches it.
 */
function benchIssuer() {
  return (issuer ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256' }] });
    const server = createHttpServer((_req, res) =>
      res.setHeader('content-type', 'application/json').end(jwks),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    const { port } = server.address() as { port: number };
    const env = {
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_ISSUER: 'https://bench.claimtrail.invalid',
      AUTH_AUDIENCE: 'claimtrail',
      RATE_LIMIT_PER_TOKEN: '10000000',
      RATE_LIMIT_PER_IP: '10000000',
    };
    const token = (actor: string) =>
      new SignJWT({ roles: [...ROLES] })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
        .setIssuer(env.AUTH_ISSUER)
        .setAudience(env.AUTH_AUDIENCE)
        .setSubject(actor)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(privateKey);
    return { env, token };
  })());
}

/** Starts the floor server (floor-server.ts) on the given database. */
export function startFloorProcess(databaseUrl: string): Promise<ServerProcess> {
  return startServer('./floor-server.js', { DATABASE_URL: databaseUrl }, async (port) => {
    const response = await fetch(`http://127.0.0.1:${port}/claim?id=none`);
    if (!response.ok) throw new Error(`floor: ${response.status}`);
  });
}

/** Starts the subscription floor (stream-floor-server.ts) on the given database. */
export function startStreamFloorProcess(databaseUrl: string): Promise<ServerProcess> {
  return startServer('./stream-floor-server.js', { DATABASE_URL: databaseUrl }, async (port) => {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    if (!response.ok) throw new Error(`stream floor: ${response.status}`);
  });
}
