import { READ_MODELS } from '@claimtrail/composition';
import { claimsPerPayerReadModel } from '../fixtures/claims-per-payer/index.js';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

// Adding a read model is its folder (test/fixtures/claims-per-payer) and one entry in the list of read models: its
// table is migrated, its projection runs, its query is served and read-your-writes waits for it.
describe('a read model added through its descriptor', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, undefined, { readModels: [...READ_MODELS, claimsPerPayerReadModel] });
  });
  afterAll(async () => api?.close());

  it('is migrated, projected and served with no change anywhere else', async () => {
    let position = '';
    for (const payerId of ['AETNA', 'MCRTX', 'AETNA']) {
      const submitted = await api.gql(SUBMIT_CLAIM, { input: submitClaimInput({ payerId }) });
      position = submitted.data!.submitClaim.position;
    }
    const { data, errors } = await api.gql(
      'query Count($at: String) { claimsPerPayer(atLeastPosition: $at) { payerId claims } }',
      { at: position },
    );
    expect(errors).toBeUndefined();
    expect(data!.claimsPerPayer).toEqual([
      { payerId: 'AETNA', claims: 2 },
      { payerId: 'MCRTX', claims: 1 },
    ]);
  });
});
