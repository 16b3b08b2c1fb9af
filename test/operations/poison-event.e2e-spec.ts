import { claimStreamName } from '@claimtrail/claims';
import { claimSubmitted } from '@claimtrail/claims/testing';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM, SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

const STALE = `query Claim($id: ID!, $at: String) {
  claim(id: $id, atLeastPosition: $at) { id status stale { position eventType errorClass } }
}`;

// A claim dated in year 0 passed the edge once and then stopped the claim read model for everyone: every later claim
// stayed invisible and /health said ok. Such an event is written straight into the log here, as an older release
// (or a bug elsewhere) could have written it.
describe('an event a projection cannot apply', () => {
  let api: TestApi;
  let store: EventStore;
  const poisoned = `CLM-POISON-${randomUUID().slice(0, 8)}`;

  const health = async (path: string) => {
    const response = await fetch(api.url.replace('/graphql', path));
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    api = await startTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '10000' });
    store = api.app.get(EVENT_STORE);
  });
  afterAll(async () => api?.close());

  it('is ready while every projection is healthy', async () => {
    const submitted = await api.gql(SUBMIT_CLAIM, { input: submitClaimInput() });
    await api.gql(CLAIM, {
      id: submitted.data!.submitClaim.claimId,
      at: submitted.data!.submitClaim.position,
    });
    expect((await health('/health/live')).status).toBe(200);
    const ready = await health('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details['projection:claim_summaries']).toMatchObject({ status: 'up', quarantined: 0 });
  });

  it("quarantines the claim, keeps projecting everyone else's, and makes the API unready until it is retried", async () => {
    const poison = claimSubmitted({
      claimId: poisoned,
      serviceDateFrom: '0000-01-01',
      serviceDateTo: '0000-01-01',
    });
    const { position } = await store.append(
      claimStreamName(poisoned),
      [
        {
          id: randomUUID(),
          type: poison.type,
          schemaVersion: 1,
          data: poison.data,
          metadata: { actor: 'legacy-import', occurredAt: poison.data.submittedAt },
        },
      ],
      { expectedVersion: 'no_stream' },
    );

    const later = await api.gql(SUBMIT_CLAIM, { input: submitClaimInput() });
    const read = await api.gql(CLAIM, {
      id: later.data!.submitClaim.claimId,
      at: later.data!.submitClaim.position,
    });
    expect(read.errors).toBeUndefined();
    expect(read.data!.claim.status).toBe('SUBMITTED');

    expect((await api.gql(STALE, { id: poisoned, at: position })).data!.claim).toBeNull();
    const ready = await health('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('error');
    expect(ready.body.error['projection:claim_summaries']).toMatchObject({ status: 'down', quarantined: 1 });
    expect(ready.body.error['projection:claim_summaries'].reason).toMatch(/quarantined/);
    expect(JSON.stringify(ready.body)).not.toContain(poisoned);
    expect((await health('/health/live')).status).toBe(200);
    const metrics = await (await fetch(api.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/^claimtrail_projection_quarantined_claims\{projection="claim_summaries"\} 1$/m);
    expect(metrics).not.toContain(poisoned);
  });

  it('marks a claim stale, as of its last good event, when a later event of it cannot be applied', async () => {
    const submitted = await api.gql(SUBMIT_CLAIM, { input: submitClaimInput() });
    const { claimId, position: submittedAt } = submitted.data!.submitClaim;
    await api.gql(CLAIM, { id: claimId, at: submittedAt });
    const { position } = await store.append(
      claimStreamName(claimId),
      [
        {
          id: randomUUID(),
          type: 'ClaimResubmitted',
          schemaVersion: 1,
          data: {
            frequencyCode: '7',
            reason: 'x',
            resubmittedAt: '2026-03-12T00:00:00Z',
            totalChargeCents: 100_000,
            serviceDateFrom: '0000-01-01',
            serviceDateTo: '0000-01-01',
          },
          metadata: { actor: 'legacy-import', occurredAt: '2026-03-12T00:00:00Z' },
        },
      ],
      { expectedVersion: 0 },
    );
    const { data } = await api.gql(STALE, { id: claimId, at: position });
    expect(data!.claim).toMatchObject({
      status: 'SUBMITTED',
      stale: { position, eventType: 'ClaimResubmitted' },
    });
  });

  it('is unready, naming the database, while the database is unreachable', async () => {
    if (!api.databaseUrl) return; // the embedded database lives inside the process
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE ${new URL(api.databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
    const ready = await health('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.database).toMatchObject({ status: 'down' });
    // The other metrics are still served; the projections' are left out rather than failing the scrape.
    const metrics = await fetch(api.url.replace('/graphql', '/metrics'));
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('claimtrail_commands_total');
    expect(text).not.toMatch(/^claimtrail_projection_lag_seconds\{/m);
  });
});
