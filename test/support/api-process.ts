import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TEST_AUTH_ENV } from './test-tokens.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the API as `npm start` runs it, and the other apps named; tsc -b skips what is up to date. */
export function buildApi(...others: ('projector' | 'cli')[]): void {
  const apps = ['apps/api', ...others.map((app) => `apps/${app}`)];
  execFileSync('npx', ['tsc', '-b', ...apps], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * The built CLI as an operator runs it, on the settings given and nothing else of this process's environment;
 * rejects, with the exit code and both outputs, when it exits non-zero.
 */
export function runCli(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['dist/apps/cli/main.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string | null>;
}

/** A built program (dist/apps/...) in a process of its own, its output collected. */
function spawnBuilt(script: string, env: NodeJS.ProcessEnv): Omit<ApiProcess, 'url'> {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...TEST_AUTH_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => output, exited };
}

/** The built API in a process of its own, so that a test can kill it as an operator or a crash would. */
export async function startApiProcess(env: NodeJS.ProcessEnv, readyWithinMs = 60_000): Promise<ApiProcess> {
  // A caller that must know the address before the API starts (a provider's redirect URI) names the port.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const started = spawnBuilt('dist/apps/api/main.js', {
    HOST: '127.0.0.1',
    PORT: String(port),
    GRAPHIQL: 'false',
    ...env,
  });
  const { child, output } = started;
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The API exited while starting:\n${output()}`);
    try {
      if ((await fetch(`${base}/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not start within ${readyWithinMs} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ...started, url: `${base}/graphql` };
}

export type AppProcess = Omit<ApiProcess, 'url'>;

/** The built projector worker in a process of its own; resolves once it says it started. */
export async function startProjectorProcess(
  env: NodeJS.ProcessEnv,
  readyWithinMs = 60_000,
): Promise<AppProcess> {
  const started = spawnBuilt('dist/apps/projector/main.js', env);
  const { child, output } = started;
  const deadline = Date.now() + readyWithinMs;
  while (!output().includes('Projector worker started')) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The projector exited while starting:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The projector did not start within ${readyWithinMs} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return started;
}
