import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM, SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

const FULL_CLAIM = `id status payerId providerNpi patientRef serviceDate submittedAt totalChargeCents version assignee
  payerClaimNumber
  balances { chargeCents paidCents insuranceBalanceCents patientBalanceCents }
  deadlines { timelyFiling appeal { level deadline } infoDue }
  denials { carc groupCode rarcs deniedAmountCents } appeals { level outcome }
  payments { paymentId paidCents reversed } followUps { channel outcome }
  lines { lineNumber procedureCode modifiers units chargeCents diagnosisPointers serviceDate }`;

const page = (alias: string, first: string) =>
  `${alias}: claims(first: ${first}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${FULL_CLAIM} } } }`;

describe('query limits', () => {
  let api: TestApi;
  let claimId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const input = submitClaimInput();
    claimId = input.claimId;
    const submitted = await api.gql(SUBMIT_CLAIM, { input });
    await api.gql(CLAIM, { id: claimId, at: submitted.data!.submitClaim.position });
  });
  afterAll(async () => api?.close());

  async function expectRefused(query: string, variables: Record<string, unknown> | undefined, limit: string) {
    const result = await api.gql(query, variables);
    expect(result.status).toBe(400);
    // Refused before execution: no resolver ran, so there is no data at all, not even nulls.
    expect(result).not.toHaveProperty('data');
    expect(result.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX', reason: limit } }),
    ]);
  }

  it('refuses 1,500 aliases of a 200-claim page before running any of them', async () => {
    const aliases = Array.from({ length: 1500 }, (_, i) => `a${i}: claims(first: 200) { totalCount }`);
    // So many aliases are also too many tokens, which graphql-js notices first, while parsing.
    await expectRefused(`{ ${aliases.join(' ')} }`, undefined, 'MAX_TOKENS');
    const fewer = Array.from({ length: 200 }, (_, i) => `a${i}: claims(first: 200) { totalCount }`);
    await expectRefused(`{ ${fewer.join(' ')} }`, undefined, 'MAX_ALIASES');
  });

  it('refuses a query nested deeper than the limit', async () => {
    const deep = `{ __type(name: "Claim") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`;
    await expectRefused(deep, undefined, 'MAX_DEPTH');
  });

  it('counts each page as its size times what it selects, with `first` from variables too', async () => {
    const pages = (first: string) =>
      `query Pages${first === '$n' ? '($n: Int!)' : ''} { ${[1, 2, 3, 4, 5, 6].map((i) => page(`p${i}`, first)).join(' ')} }`;
    await expectRefused(pages('200'), undefined, 'MAX_COST');
    await expectRefused(pages('$n'), { n: 200 }, 'MAX_COST');
    // Six small pages of the same shape are cheap.
    const small = await api.gql(pages('$n'), { n: 5 });
    expect(small.errors).toBeUndefined();
    expect(small.data!.p1.edges.length).toBeGreaterThan(0);
  });

  it('refuses too many directives and too many tokens', async () => {
    const skipped = Array.from({ length: 11 }, (_, i) => `f${i}: payers @skip(if: false) { payerId }`);
    // Eleven aliases stay under the alias limit; eleven directives are one too many.
    await expectRefused(`{ ${skipped.join(' ')} }`, undefined, 'MAX_DIRECTIVES');
    await expectRefused(`{ payers { ${'payerId '.repeat(6000)} } }`, undefined, 'MAX_TOKENS');
  });

  it('still answers a full page of 200 claims and the README queries', async () => {
    const full = await api.gql(`{ ${page('claims', '200')} }`);
    expect(full.errors).toBeUndefined();
    expect(full.data!.claims.edges.map((e: any) => e.node.id)).toContain(claimId);
    const readme = await api.gql(
      `query Readme($id: ID!) {
        claim(id: $id) { id status totalChargeCents version lines { procedureCode chargeCents } }
        claims(first: 20, filter: { status: [SUBMITTED] }) { totalCount edges { cursor node { id payerId } } pageInfo { hasNextPage endCursor } }
        claimHistory(id: $id) { type version position recordedAt metadata { actor occurredAt commandId } data }
      }`,
      { id: claimId },
    );
    expect(readme.errors).toBeUndefined();
    expect(readme.data!.claim.id).toBe(claimId);
  });

  it('suggests field names outside production', async () => {
    const result = await api.gql(`{ claims(first: 1) { edges { node { patientRf } } } }`);
    expect(result.errors![0]!.message).toMatch(/Did you mean "patientRef"/);
  });

  it('keeps field suggestions, introspection and the IDE to itself in production', async () => {
    // Production needs a JWKS; this test's requests fail validation before any token is checked.
    const production = await startTestApi({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks',
      AUTH_ISSUER: 'https://idp.invalid/',
      PATIENT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    try {
      const result = await production.gql(`{ claims(first: 1) { edges { node { patientRf } } } }`);
      expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors![0]!.message).toMatch(/^Cannot query field "patientRf" on type "Claim"/);
      expect(JSON.stringify(result)).not.toMatch(/Did you mean|patientRef/);
      // Nor does it describe its schema, or serve the IDE that would.
      const introspection = await production.gql('{ __schema { queryType { name } } }');
      expect(introspection.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.data).toBeUndefined();
      const page = await fetch(production.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
    } finally {
      await production.close();
    }
  });
});
