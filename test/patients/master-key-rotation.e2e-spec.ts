import { randomBytes } from 'node:crypto';
import { processDatabase } from '../support/database-kinds.js';
import { buildApi, runCli, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { bearer } from '../support/test-tokens.js';

const IDENTITY = { lastName: 'ROTLAST', firstName: 'ROTFIRST', birthDate: '1960-01-02', memberId: 'ROT1' };
const CLAIM = `query C($id: ID!, $at: String) {
  claim(id: $id, atLeastPosition: $at) { id patient { lastName firstName birthDate memberId redacted } }
}`;

const base64 = (key: Buffer) => key.toString('base64');

// The runbook's rotation ("Rotating the master key" in docs/operations.md) as an operator runs it, process by
// process: the API under the old key; the new key with the old one as previous; rewrap; the new key alone.
describe('rotating the patient master key', () => {
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  let database: Awaited<ReturnType<typeof processDatabase>> | undefined;
  let env: NodeJS.ProcessEnv;
  let api: ApiProcess | undefined;

  const cli = async (keys: NodeJS.ProcessEnv, ...args: string[]) =>
    JSON.parse((await runCli({ ...env, ...keys }, ...args)).stdout);
  const startApi = async (keys: NodeJS.ProcessEnv) => {
    api = await startApiProcess({ ...env, ...keys });
    return api;
  };
  const stopApi = async () => {
    api?.child.kill('SIGTERM');
    await api?.exited;
    api = undefined;
  };
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(api!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer()) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { extensions?: Record<string, unknown> }[] };
  };

  beforeAll(async () => {
    buildApi('cli');
    database = await processDatabase();
    env = database.env;
  }, 240_000);

  afterAll(async () => {
    await stopApi();
    await database?.dispose();
  });

  it('keeps every identity readable through the rotation, and needs only the new key after it', async () => {
    await startApi({ PATIENT_MASTER_KEY: base64(oldKey) });
    const ids: string[] = [];
    let position = '';
    for (let i = 0; i < 3; i++) {
      const input = submitClaimInput({ patientRef: `PT-ROT-${i}`, patient: IDENTITY });
      const submitted = await gql(SUBMIT_CLAIM, { input });
      expect(submitted.errors).toBeUndefined();
      ids.push(input.claimId);
      position = submitted.data.submitClaim.position;
    }
    await stopApi();

    const rotating = { PATIENT_MASTER_KEY: base64(newKey), PATIENT_MASTER_KEY_PREVIOUS: base64(oldKey) };
    await startApi(rotating);
    for (const id of ids)
      expect((await gql(CLAIM, { id, at: position })).data.claim.patient).toMatchObject(IDENTITY);
    // PostgreSQL rewraps while the API serves; the embedded database belongs to one process at a time.
    if (!process.env.DATABASE_URL) await stopApi();
    const rewrap = await cli(rotating, 'patients', 'rewrap-keys');
    expect(rewrap).toMatchObject({ rewrapped: 3, forgotten: 0, byMasterKey: { [rewrap.currentKeyId]: 3 } });
    expect(Object.keys(rewrap.byMasterKey)).toEqual([rewrap.currentKeyId]);
    await stopApi();

    expect(await cli({ PATIENT_MASTER_KEY: base64(newKey) }, 'patients', 'keys')).toEqual({
      currentKeyId: rewrap.currentKeyId,
      byMasterKey: { [rewrap.currentKeyId]: 3 },
      forgotten: 0,
    });
    await startApi({ PATIENT_MASTER_KEY: base64(newKey) });
    for (const id of ids) expect((await gql(CLAIM, { id })).data.claim.patient).toMatchObject(IDENTITY);
  }, 180_000);
});
