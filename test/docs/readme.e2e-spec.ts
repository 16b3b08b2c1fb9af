import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { startApiProcess } from '../support/api-process.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { bearer, TEST_KEY_FILE } from '../support/test-tokens.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The shell commands of the README's curl example, continuation lines joined: the token, then each curl. */
function curlExample(): { token: string; curls: string[] } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- curl-example:start -->\s*```sh\n([\s\S]*?)```/.exec(readme)![1]!;
  const lines = block.replace(/\\\n\s*/g, '').split('\n');
  return {
    token: lines.find((line) => line.startsWith('TOKEN='))!,
    curls: lines.filter((line) => line.startsWith('curl ')),
  };
}

describe('what the README tells a newcomer to run', () => {
  let api: TestApi;
  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/cli'], { cwd: ROOT, stdio: 'inherit' });
    api = await startTestApi();
  }, 180_000);
  afterAll(async () => api?.close());

  it('has a curl example that works as written: it mints a token, submits a claim and reads it back', async () => {
    const example = curlExample();
    // The CLI mints with the key the test API trusts, as `npm start` and the CLI share .claimtrail/ by default.
    const shell = (command: string) =>
      run('sh', ['-c', `${example.token}\n${command.replace('http://localhost:3000/graphql', api.url)}`], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, AUTH_LOCAL_KEY_FILE: TEST_KEY_FILE },
      });
    const [submit, read] = example.curls;
    const submitted = JSON.parse((await shell(submit!)).stdout);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitClaim).toMatchObject({ claimId: 'CLM-1001', version: 0 });
    let claim = null;
    for (let i = 0; i < 50 && !claim; i++) {
      const answer = JSON.parse((await shell(read!)).stdout);
      expect(answer.errors).toBeUndefined();
      claim = answer.data.claim;
    }
    expect(claim).toEqual({
      id: 'CLM-1001',
      status: 'SUBMITTED',
      totalChargeCents: 60000,
      balances: { insuranceBalanceCents: 60000 },
    });
  });
});

describe('npm run -s cli -- export', () => {
  let dir: string;
  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/api', 'apps/cli'], { cwd: ROOT, stdio: 'inherit' });
    dir = await mkdtemp(join(tmpdir(), 'ct-export-'));
  }, 180_000);
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes valid NDJSON only, one event per line, once the API has stopped', async () => {
    const env = { CLAIMTRAIL_DATA_DIR: join(dir, 'pgdata') };
    const api = await startApiProcess(env);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const input = submitClaimInput();
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await bearer()) },
        body: JSON.stringify({ query: SUBMIT_CLAIM, variables: { input } }),
      });
      expect(((await response.json()) as any).errors).toBeUndefined();
      ids.push(input.claimId);
    }
    api.child.kill('SIGTERM');
    expect([0, 'SIGTERM']).toContain(await api.exited);

    const { stdout } = await run('npm', ['run', '-s', 'cli', '--', 'export'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(stdout.endsWith('\n')).toBe(true);
    const events = lines.map((line) => JSON.parse(line));
    expect(events.map((e) => e.streamName)).toEqual(ids.map((id) => `claim-${id}`));
    expect(events.every((e) => e.type === 'ClaimSubmitted' && typeof e.position === 'string')).toBe(true);
  }, 120_000);
});
