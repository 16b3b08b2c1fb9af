import { AT, SUBMITTED_AT } from '@claimtrail/claims/testing';
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM_MUTATIONS, claimMutation, SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { liveSchema } from '../support/graphql-garbage.js';

/** Every field of a type without arguments, all the way down; `stale` belongs to the read model only. */
function selectionOf(type: GraphQLObjectType): string {
  const fields = Object.values(type.getFields())
    .filter((field) => field.args.length === 0 && field.name !== 'stale')
    .map((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return field.name;
      return isObjectType(named) ? `${field.name} { ${selectionOf(named)} }` : '';
    });
  return fields.filter(Boolean).join(' ');
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

interface Step {
  /** Just after the API answered the command: every one of its events was recorded by then, none of the next's. */
  answeredAt: string;
  occurredAt: string;
  claim: Record<string, unknown>;
}

describe('a claim as of a past moment, folded from its stream', () => {
  let api: TestApi;
  let claim: string;
  let asOf: string;
  let atVersion: string;
  const claimId = `CLM-ASOF-${Date.now().toString(36)}`;
  const steps: Step[] = [];

  async function ok(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
    const answer = await api.gql(query, variables);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data!;
  }

  /** Runs a command and keeps the claim as the API returned it right after. */
  async function step(query: string, input: Record<string, unknown>, occurredAt: string): Promise<void> {
    const result = Object.values(await ok(query, { input: { ...input, claimId, occurredAt } }))[0];
    const answeredAt = new Date().toISOString();
    const read = await ok(claim, { id: claimId, at: result.position });
    steps.push({ answeredAt, occurredAt, claim: read.claim });
    await pause();
  }

  beforeAll(async () => {
    api = await startTestApi();
    const schema: GraphQLSchema = await liveSchema(api);
    const fields = selectionOf(schema.getType('Claim') as GraphQLObjectType);
    claim = `query C($id: ID!, $at: String) { claim(id: $id, atLeastPosition: $at) { ${fields} } }`;
    asOf = `query A($id: ID!, $at: DateTime!, $basis: TimeBasis!) { claimAsOf(id: $id, at: $at, timeBasis: $basis) { ${fields} } }`;
    atVersion = `query V($id: ID!, $version: Int!) { claimAtVersion(id: $id, version: $version) { ${fields} } }`;

    await step(SUBMIT_CLAIM, submitClaimInput(), SUBMITTED_AT);
    const story: [string, string][] = [
      ['acknowledgeClaim', AT.acknowledged],
      ['pendClaim', AT.pended],
      ['submitAdditionalInfo', AT.infoSubmitted],
      ['logFollowUp', AT.followUp],
      ['recordPayment', AT.paid],
      ['billPatient', AT.patientBilled],
    ];
    for (const [name, at] of story) await step(claimMutation(name), CLAIM_MUTATIONS[name]!.input(), at);
  });
  afterAll(async () => api?.close());

  const claimAsOf = async (at: string, basis: 'RECORDED' | 'OCCURRED') =>
    (await ok(asOf, { id: claimId, at, basis })).claimAsOf;

  it('equals, at each moment, the claim the API returned then, on either time basis', async () => {
    for (const { answeredAt, occurredAt, claim: returned } of steps) {
      expect(await claimAsOf(answeredAt, 'RECORDED')).toEqual(returned);
      expect(await claimAsOf(occurredAt, 'OCCURRED')).toEqual(returned);
    }
    expect(await claimAsOf('2026-03-01T00:00:00Z', 'OCCURRED')).toBeNull();
  });

  it('equals the returned claim at each version', async () => {
    for (const [version, { claim: returned }] of steps.entries())
      expect((await ok(atVersion, { id: claimId, version })).claimAtVersion).toEqual(returned);
  });

  it('counts a back-dated entry on business time, and never in what was recorded before it', async () => {
    const lateFollowUp = '2026-03-15T09:00:00.000Z';
    await step(claimMutation('logFollowUp'), CLAIM_MUTATIONS.logFollowUp!.input(), lateFollowUp);
    const acknowledged = steps[1]!;
    for (const { answeredAt, claim: returned } of steps)
      expect(await claimAsOf(answeredAt, 'RECORDED')).toEqual(returned);
    const byThen = await claimAsOf('2026-03-16T00:00:00Z', 'OCCURRED');
    const known = acknowledged.claim as { followUps: unknown[] };
    expect(byThen).toEqual({ ...known, followUps: [expect.objectContaining({})], version: steps.length - 1 });
    expect(await claimAsOf(new Date().toISOString(), 'OCCURRED')).toEqual(steps.at(-1)!.claim);
  });

  describe('refuses', () => {
    const code = async (query: string, variables: Record<string, unknown>) =>
      (await api.gql(query, variables)).errors?.[0]?.extensions;

    it.each([
      [
        'an unknown claim',
        { id: 'CLM-NOBODY', at: '2026-04-01T00:00:00Z', basis: 'RECORDED' },
        'NOT_FOUND',
        undefined,
      ],
      ['an instant in the future', { at: '2199-01-01T00:00:00Z', basis: 'OCCURRED' }, 'BAD_USER_INPUT', 'at'],
      ['an instant that is not one', { at: 'last tuesday', basis: 'RECORDED' }, 'BAD_USER_INPUT', 'at'],
    ])('claimAsOf of %s', async (_case, variables, expected, field) => {
      expect(await code(asOf, { id: claimId, ...variables })).toMatchObject({
        code: expected,
        ...(field && { field }),
      });
    });

    it.each([
      ['an unknown claim', { id: 'CLM-NOBODY', version: 0 }, 'NOT_FOUND', undefined],
      ['a negative version', { version: -1 }, 'BAD_USER_INPUT', 'version'],
      ['a version past the last', { version: 99 }, 'BAD_USER_INPUT', 'version'],
    ])('claimAtVersion of %s', async (_case, variables, expected, field) => {
      expect(await code(atVersion, { id: claimId, ...variables })).toMatchObject({
        code: expected,
        ...(field && { field }),
      });
    });

    const page = `query P($id: ID!, $first: Int!, $after: String) {
      claimHistoryPage(id: $id, first: $first, after: $after) { edges { cursor } }
    }`;
    it.each([
      ['an unknown claim', { id: 'CLM-NOBODY', first: 5 }, 'NOT_FOUND', undefined],
      ['a page of 0', { first: 0 }, 'BAD_USER_INPUT', 'first'],
      ['a page over 500', { first: 501 }, 'BAD_USER_INPUT', 'first'],
      ['a cursor that is no version', { first: 5, after: 'MA==' }, 'BAD_USER_INPUT', 'after'],
    ])('claimHistoryPage of %s', async (_case, variables, expected, field) => {
      expect(await code(page, { id: claimId, ...variables })).toMatchObject({
        code: expected,
        ...(field && { field }),
      });
    });
  });

  it('pages the history by version, with stored and current schema versions and every id', async () => {
    const versions: number[] = [];
    let after: string | null = null;
    do {
      const { claimHistoryPage } = await ok(
        `query P($id: ID!, $after: String) { claimHistoryPage(id: $id, first: 3, after: $after) {
          edges { cursor node { version schemaVersion currentSchemaVersion currentData recordedAt
            metadata { actor occurredAt commandId correlationId causationId } } }
          pageInfo { hasNextPage endCursor } } }`,
        { id: claimId, after },
      );
      for (const { cursor, node } of claimHistoryPage.edges) {
        expect(cursor).toBe(String(node.version));
        expect(node.currentSchemaVersion).toBe(node.schemaVersion);
        expect(node.currentData).toEqual(expect.any(Object));
        expect(node.metadata).toEqual({
          actor: expect.any(String),
          occurredAt: expect.any(String),
          commandId: expect.any(String),
          correlationId: expect.any(String),
          causationId: expect.any(String),
        });
        versions.push(node.version);
      }
      after = claimHistoryPage.pageInfo.hasNextPage ? claimHistoryPage.pageInfo.endCursor : null;
    } while (after !== null);
    expect(versions).toEqual(steps.map((_, version) => version));
  });
});
