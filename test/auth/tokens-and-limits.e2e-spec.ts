import { jest } from '@jest/globals';
import { stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@claimtrail/composition';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

const PAYERS = '{ payers { payerId } }';

/** `claimtrail <args>` in this process: its exit code, stdout and stderr. */
async function cli(env: Record<string, string>, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    const code = await runCli(env, args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('development tokens (claimtrail token)', () => {
  let dir: string;
  let api: TestApi;
  let keyFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ct-token-'));
    keyFile = join(dir, 'auth', 'local-signing-key.json');
    // The API creates the key on its first start, readable by its owner only.
    api = await startTestApi({ AUTH_LOCAL_KEY_FILE: keyFile });
  });
  afterAll(async () => {
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('mints with the key the API created on first start, and the API records the actor it names', async () => {
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const minted = await cli(
      { AUTH_LOCAL_KEY_FILE: keyFile },
      'token',
      '--role',
      'biller',
      '--actor',
      'alice',
    );
    expect(minted).toMatchObject({ code: 0, stderr: '' });
    const authorization = `Bearer ${minted.stdout.trim()}`;
    const input = submitClaimInput();
    expect((await api.gql(SUBMIT_CLAIM, { input }, { authorization })).errors).toBeUndefined();
    const history = await api.gql(
      'query H($id: ID!) { claimHistory(id: $id) { metadata { actor } } }',
      { id: input.claimId },
      await api.as('auditor-1', 'auditor'),
    );
    expect(history.data!.claimHistory[0].metadata.actor).toBe('alice');
    // A biller's token is not an auditor's.
    const refused = await api.gql(
      'query H($id: ID!) { claimHistory(id: $id) { type } }',
      { id: input.claimId },
      {
        authorization,
      },
    );
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('is refused in production, where a JWKS is configured, and for an unknown role', async () => {
    const production = await cli(
      {
        NODE_ENV: 'production',
        AUTH_JWKS_URL: 'https://idp.example.org/jwks',
        AUTH_ISSUER: 'https://idp.example.org/',
        PATIENT_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
        AUTH_LOCAL_KEY_FILE: keyFile,
      },
      'token',
      '--role',
      'admin',
      '--actor',
      'mallory',
    );
    expect(production).toMatchObject({ code: 2, stdout: '' });
    expect(production.stderr).toMatch(/refused in production/);
    const jwks = await cli(
      { AUTH_JWKS_URL: 'https://idp.example.org/jwks', AUTH_ISSUER: 'https://idp.example.org/' },
      'token',
      '--role',
      'admin',
      '--actor',
      'mallory',
    );
    expect(jwks).toMatchObject({ code: 2, stdout: '' });
    expect(jwks.stderr).toMatch(/identity provider/);
    const unknown = await cli(
      { AUTH_LOCAL_KEY_FILE: keyFile },
      'token',
      '--role',
      'root',
      '--actor',
      'mallory',
    );
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      RATE_LIMIT_PER_TOKEN: '3',
      RATE_LIMIT_PER_IP: '8',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
  });
  afterAll(async () => api?.close());

  it('refuses a token over its limit with RATE_LIMITED and Retry-After, and counts other tokens apart', async () => {
    const alice = await api.as('alice', 'biller');
    for (let i = 0; i < 3; i++) expect((await api.gql(PAYERS, {}, alice)).errors).toBeUndefined();
    const response = await api.post(JSON.stringify({ query: PAYERS }), alice);
    const body = (await response.json()) as {
      errors?: { extensions?: Record<string, unknown> }[];
      data?: unknown;
    };
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_REQUESTS' });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(body.errors![0]!.extensions!.retryAfterSeconds).toBe(retryAfter);
    // Another token from the same address still has its own allowance.
    expect((await api.gql(PAYERS, {}, await api.as('bob', 'biller'))).errors).toBeUndefined();
  });

  it('limits an address whatever tokens it sends, good or bad', async () => {
    const codes: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const result = await api.gql(PAYERS, {}, { authorization: `Bearer forged.${i}.token` });
      codes.push(result.errors![0]!.extensions!.code);
    }
    // Five requests were counted before these (three from alice, her refused fourth, bob's one): eight in all.
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.filter((code) => code === 'UNAUTHENTICATED').length).toBeGreaterThan(0);
  });
});
