import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ROLES, type Role } from '@claimtrail/platform';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { schemaOperations, type SchemaOperation } from '../support/schema-operations.js';

const EVERY_ROLE = [...ROLES];
const READERS_OF_CLAIMS: Role[] = ['biller', 'follow-up', 'auditor'];
const REMITTANCE_READERS: Role[] = ['biller', 'follow-up', 'auditor', 'admin'];

/**
 * Who may run each operation: the one table of what the API allows. An operation the schema has and this table
 * does not (or the other way round) fails the test, so a new operation cannot ship without a decision here.
 */
const EXPECTED: Record<string, readonly Role[]> = {
  // Queries
  agingReport: EVERY_ROLE,
  claim: READERS_OF_CLAIMS,
  claimAsOf: ['auditor'],
  claimAtVersion: ['auditor'],
  claimHistory: ['auditor'],
  claimHistoryPage: ['auditor'],
  claims: READERS_OF_CLAIMS,
  denialTrends: EVERY_ROLE,
  kpis: EVERY_ROLE,
  payerResponseTimes: EVERY_ROLE,
  payerRuleChanges: ['admin', 'auditor'],
  payers: EVERY_ROLE,
  phiAccessLog: ['auditor'],
  projections: ['admin'],
  remittance: REMITTANCE_READERS,
  remittances: REMITTANCE_READERS,
  unmatchedRemittanceItems: REMITTANCE_READERS,
  verifyClaimIntegrity: ['auditor'],
  worklist: ['follow-up', 'biller'],
  // Lifecycle commands
  acknowledgeClaim: ['biller'],
  appealClaim: ['biller'],
  billPatient: ['biller'],
  decideAppeal: ['biller'],
  denyClaim: ['biller'],
  pendClaim: ['biller'],
  recordPatientPayment: ['biller'],
  recordPayment: ['biller'],
  referToCollections: ['biller'],
  rejectClaim: ['biller'],
  resolveCredit: ['biller'],
  resubmitClaim: ['biller'],
  reversePayment: ['biller'],
  submitAdditionalInfo: ['biller'],
  submitClaim: ['biller'],
  voidClaim: ['biller'],
  writeOffBalance: ['biller'],
  // Follow-up
  assignClaim: ['follow-up'],
  logFollowUp: ['follow-up'],
  // Administration
  forgetPatient: ['admin'],
  import277ca: ['admin'],
  import835: ['admin'],
  rebuildProjection: ['admin'],
  setPatientLegalHold: ['admin'],
  upsertPayer: ['admin'],
  // Event streams
  claimEventBatches: ['analyst', 'auditor'],
  claimEvents: ['analyst', 'auditor'],
  claimLogHead: ['analyst', 'auditor'],
};

type Cell = 'allow' | 'deny' | 'unauthenticated';

function cellOf(errors: { extensions?: Record<string, unknown> }[] | undefined): Cell {
  const code = errors?.[0]?.extensions?.code;
  return code === 'UNAUTHENTICATED' ? 'unauthenticated' : code === 'FORBIDDEN' ? 'deny' : 'allow';
}

describe('authorization matrix: every operation, every role, and no token', () => {
  let api: TestApi;
  let operations: SchemaOperation[];

  beforeAll(async () => {
    api = await startTestApi();
    operations = schemaOperations(api.app.get(GraphQLSchemaHost).schema);
    // One event, so that a subscription that is allowed has something to deliver.
    expect((await api.gql(SUBMIT_CLAIM, { input: submitClaimInput() })).errors).toBeUndefined();
  });
  afterAll(async () => api?.close());

  it('lists every operation of the schema, and each declares the roles the table expects', () => {
    expect(operations.map((op) => op.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const op of operations)
      expect({ op: op.name, roles: [...(op.declaredRoles ?? [])].sort() }).toEqual({
        op: op.name,
        roles: [...EXPECTED[op.name]!].sort(),
      });
  });

  it('answers each query and mutation as the table says, for each role and without a token', async () => {
    const unexpected: string[] = [];
    for (const op of operations.filter((o) => o.kind !== 'subscription')) {
      const anonymous = await api.gql(op.document, op.variables, { authorization: '' });
      if (cellOf(anonymous.errors) !== 'unauthenticated') unexpected.push(`${op.name} × no token`);
      for (const role of ROLES) {
        const result = await api.gql(op.document, op.variables, await api.as(`matrix-${role}`, role));
        const expected: Cell = EXPECTED[op.name]!.includes(role) ? 'allow' : 'deny';
        if (cellOf(result.errors) !== expected)
          unexpected.push(`${op.name} × ${role}: ${JSON.stringify(result.errors?.[0]?.extensions)}`);
        if (result.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
          unexpected.push(`${op.name} × ${role}: INTERNAL_SERVER_ERROR`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  /** The first message of a subscription over a connection authenticated with `authorization`, or the close code. */
  function subscribeOnce(op: SchemaOperation, authorization?: { authorization: string }) {
    return new Promise<{ errors?: { extensions?: Record<string, unknown> }[]; closed?: number }>(
      (resolve) => {
        const client = createClient({
          url: api.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: authorization,
          on: { closed: (event) => resolve({ closed: (event as { code: number }).code }) },
        });
        const done = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => {
          resolve(answer);
          void client.dispose();
        };
        client.subscribe(
          { query: op.document, variables: op.variables },
          {
            next: (message) => done({ errors: message.errors as never }),
            error: (errors) => done({ errors: Array.isArray(errors) ? errors : [] }),
            complete: () => done({}),
          },
        );
      },
    );
  }

  it('answers each subscription as the table says; a connection without a token is refused when it opens', async () => {
    for (const op of operations.filter((o) => o.kind === 'subscription')) {
      expect(await subscribeOnce(op)).toEqual({ closed: 4403 });
      for (const role of ROLES) {
        const answer = await subscribeOnce(op, await api.as(`matrix-${role}`, role));
        const expected: Cell = EXPECTED[op.name]!.includes(role) ? 'allow' : 'deny';
        // A connection closed before any message is no answer to the operation, least of all an allow.
        const cell = answer.closed === undefined ? cellOf(answer.errors) : `closed ${answer.closed}`;
        expect({ op: op.name, role, cell }).toEqual({
          op: op.name,
          role,
          cell: expected,
        });
      }
    }
  });
});
