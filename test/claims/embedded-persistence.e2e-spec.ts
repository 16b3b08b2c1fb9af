import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi } from '../support/api-harness.js';
import { CLAIM, SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

describe('the embedded default database', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'claimtrail-e2e-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('keeps a submitted claim across a stop and a start', async () => {
    const input = submitClaimInput();
    const first = await startTestApi({}, dataDir);
    let position: string;
    try {
      const submitted = await first.gql(SUBMIT_CLAIM, { input });
      position = submitted.data!.submitClaim.position;
      expect((await first.gql(CLAIM, { id: input.claimId, at: position })).data!.claim.status).toBe(
        'SUBMITTED',
      );
    } finally {
      await first.close();
    }

    const second = await startTestApi({}, dataDir);
    try {
      const { data } = await second.gql(CLAIM, { id: input.claimId, at: position });
      expect(data!.claim).toMatchObject({
        id: input.claimId,
        status: 'SUBMITTED',
        totalChargeCents: 100_000,
      });
    } finally {
      await second.close();
    }
  });
});
