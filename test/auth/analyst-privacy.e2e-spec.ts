import { submitClaim } from '@claimtrail/claims/testing';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM_MUTATIONS, claimMutation, SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { subscribeEvents, wsClient, type LogEvent } from '../support/event-subscriber.js';
import { selectAll } from '../support/schema-operations.js';

// Seeded into every patient identifier a claim can carry; no answer an analyst gets may contain it.
const MARKER = 'ZZANALYSTMARK';
const MARKERS = new RegExp(`${MARKER}|1933-03-03`, 'i');
const PHI_KEYS = /"(patientRef|patientIdentity|diagnoses|patient)"/;

describe("an analyst's streams and reports", () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  let analyst: { authorization: string };
  const claimIds: string[] = [];
  let position = '';

  beforeAll(async () => {
    api = await startTestApi();
    schema = api.app.get(GraphQLSchemaHost).schema;
    analyst = await api.as('analyst-1', 'analyst');
    const biller = await api.as('biller-1', 'biller');
    // Claims denied, paid and billed to the patient, so that every report has rows.
    for (const [i, steps] of [
      ['denyClaim'],
      ['recordPayment', 'billPatient'],
      ['acknowledgeClaim'],
    ].entries()) {
      const input = submitClaimInput({
        patientRef: `PT-${MARKER}-${i}`,
        occurredAt: submitClaim().occurredAt,
        patient: {
          lastName: `${MARKER}LAST`,
          firstName: `${MARKER}FIRST`,
          birthDate: '1933-03-03',
          memberId: `${MARKER}M${i}`,
        },
      });
      const submitted = await api.gql(SUBMIT_CLAIM, { input }, biller);
      expect(submitted.errors).toBeUndefined();
      for (const step of steps) {
        const result = await api.gql(
          claimMutation(step),
          { input: { ...CLAIM_MUTATIONS[step]!.input(), claimId: input.claimId } },
          biller,
        );
        expect({ step, errors: result.errors }).toEqual({ step, errors: undefined });
        position = result.data![step].position;
      }
      claimIds.push(input.claimId);
    }
  });
  afterAll(async () => api?.close());

  it('stream every event without patient data, and record no PHI read for it', async () => {
    const streamed: LogEvent[] = [];
    const client = wsClient(api.url, analyst);
    for (const operation of ['claimEvents', 'claimEventBatches'] as const) {
      await new Promise<void>((resolve, reject) => {
        const received: LogEvent[] = [];
        const subscription = subscribeEvents(
          client,
          {},
          (event) => {
            received.push(event);
            if (event.position === position) {
              subscription.stop();
              streamed.push(...received);
              resolve();
            }
          },
          operation,
          'position claimId type version data metadata { actor correlationId }',
        );
        void subscription.ended.then((errors) => errors && reject(new Error(JSON.stringify(errors))));
      });
    }
    await client.dispose();
    // Both operations, each event once, and the submissions among them.
    expect(streamed.filter((e) => e.type === 'ClaimSubmitted').length).toBeGreaterThanOrEqual(
      2 * claimIds.length,
    );
    const submitted = streamed.find((e) => e.type === 'ClaimSubmitted' && claimIds.includes(e.claimId)) as
      (LogEvent & { data: Record<string, unknown> }) | undefined;
    expect(submitted?.data).toMatchObject({ payerId: expect.any(String), lines: expect.any(Array) });
    const text = JSON.stringify(streamed);
    expect(text).not.toMatch(MARKERS);
    expect(text).not.toMatch(PHI_KEYS);
    // Nothing was disclosed, so nothing is in the PHI access log under the analyst.
    const log = await api.gql(
      'query { phiAccessLog(actor: "analyst-1") { edges { node { claimId } } } }',
      {},
      await api.as('auditor-1', 'auditor'),
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.phiAccessLog.edges).toEqual([]);
  });

  it('read every aggregate report, grouped every way, without a patient identifier', async () => {
    const period = { from: '2025-01-01', to: '2027-12-31', at: position };
    const reports = [
      ...['NONE', 'PAYER', 'PROVIDER'].flatMap((groupBy) =>
        ['SERVICE_DATE', 'SUBMISSION_DATE'].map(
          (basis) =>
            `query { agingReport(groupBy: ${groupBy}, basis: ${basis}, atLeastPosition: "${period.at}") ${selectAll(schema, 'AgingReport')} }`,
        ),
      ),
      ...['PAYER', 'PAYER_AND_REASON', 'REASON'].map(
        (groupBy) =>
          `query { denialTrends(from: "${period.from}", to: "${period.to}", groupBy: ${groupBy}) ${selectAll(schema, 'DenialTrendRow')} }`,
      ),
      `query { kpis(from: "${period.from}", to: "${period.to}") ${selectAll(schema, 'KpiReport')} }`,
      `query { payerResponseTimes(from: "${period.from}", to: "${period.to}") ${selectAll(schema, 'PayerResponseTimes')} }`,
      `query { payers ${selectAll(schema, 'Payer')} }`,
    ];
    const answers = [];
    for (const query of reports) {
      const result = await api.gql(query, {}, analyst);
      expect({ query, errors: result.errors }).toEqual({ query, errors: undefined });
      answers.push(result.data);
    }
    const text = JSON.stringify(answers);
    // The reports have rows: the payer of the seeded claims is in them.
    expect(text).toMatch(/MCRTX/);
    expect(text).not.toMatch(MARKERS);
    expect(text).not.toMatch(PHI_KEYS);
  });

  it('cannot read a claim, its history or the worklist at all', async () => {
    for (const query of [
      `query { claim(id: "${claimIds[0]}") { id } }`,
      'query { claims(first: 5) { edges { node { id } } } }',
      `query { claimHistory(id: "${claimIds[0]}") { type } }`,
      'query { worklist { edges { node { claimId } } } }',
    ]) {
      const result = await api.gql(query, {}, analyst);
      expect({ query, code: result.errors?.[0]?.extensions?.code }).toEqual({ query, code: 'FORBIDDEN' });
    }
  });
});
