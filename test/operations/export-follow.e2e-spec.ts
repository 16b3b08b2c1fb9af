import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { gql } from '../support/random-commands.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// The embedded database belongs to one process, so the CLI can follow an API's writes only on PostgreSQL.
(process.env.DATABASE_URL ? describe : describe.skip)('claimtrail export --follow', () => {
  let api: TestApi;
  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/cli'], { cwd: ROOT, stdio: 'inherit' });
    api = await startTestApi();
  }, 180_000);
  afterAll(async () => api?.close());

  it('writes the stored events, then each new one as it commits, and ends cleanly on SIGINT', async () => {
    const submit = async () => {
      const input = submitClaimInput();
      expect((await gql(api.url, SUBMIT_CLAIM, { input })).errors).toBeUndefined();
      return `claim-${input.claimId}`;
    };
    const streams = [await submit(), await submit()];
    const cli = spawn('node', ['dist/apps/cli/main.js', 'export', '--follow'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: api.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const lines = () => stdout.split('\n').filter(Boolean);
    const waitForLines = async (n: number) => {
      const deadline = Date.now() + 30_000;
      while (lines().length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(lines()).toHaveLength(n);
    };
    await waitForLines(2);
    // Each line reaches the reader as its event commits, while the export keeps running.
    streams.push(await submit());
    await waitForLines(3);
    streams.push(await submit());
    await waitForLines(4);
    cli.kill('SIGINT');
    const [code] = await once(cli, 'exit');
    expect(code).toBe(0);
    const events = lines().map((line) => JSON.parse(line));
    expect(events.map((e) => e.streamName)).toEqual(streams);
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort());
    expect(stdout.endsWith('\n')).toBe(true);
  }, 120_000);
});
