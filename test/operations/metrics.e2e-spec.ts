// GET /metrics after a scripted run over HTTP and WebSocket: exact counts of commands, appends, imports and GraphQL
// operations, the open-subscriptions gauge going up and down, each projection's gauges, and no label value that
// names a claim, a patient, an actor or a client's free text.
import { readFileSync } from 'node:fs';
import { submitClaim } from '@claimtrail/claims/testing';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import {
  CLAIM_MUTATIONS,
  claimMutation,
  SUBMIT_CLAIM,
  remittedClaimInput,
  submitClaimInput,
} from '../support/claim-inputs.js';
import { subscribeEvents, wsClient } from '../support/event-subscriber.js';

const MARKER = 'ZqPHI7Marker';
const ACTOR = `biller-${MARKER}`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text exposition format, one sample a line; comments (HELP, TYPE) skipped. */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
      if (!match) throw new Error(`Not an exposition line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

class Scrape {
  constructor(readonly samples: Sample[]) {}

  /** The sample's value, 0 when absent (a labelled counter has no line before its first increment). */
  value(name: string, labels: Record<string, string> = {}): number {
    const found = this.samples.find(
      (s) =>
        s.name === name &&
        Object.keys(s.labels).length === Object.keys(labels).length &&
        Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
    return found?.value ?? 0;
  }

  has(name: string, labels: Record<string, string>): boolean {
    return this.samples.some(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
  }
}

const IMPORT_835 = `mutation Import($text: String!) {
  import835(text: $text) { counts { claims posted alreadyPosted unmatched notPosted }
    remittances { claims { outcome eventType } } }
}`;

describe('GET /metrics', () => {
  let api: TestApi;
  let metricsUrl: string;
  let auth: { authorization: string };

  const scrape = async (): Promise<Scrape> => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return new Scrape(parseExposition(await response.text()));
  };

  beforeAll(async () => {
    api = await startTestApi();
    metricsUrl = api.url.replace(/\/graphql$/, '/metrics');
    auth = await api.as(ACTOR);
  }, 60_000);
  afterAll(async () => api?.close());

  it('counts a scripted run exactly and names no claim, patient, actor or client text', async () => {
    const before = await scrape();
    // The process metrics, under their standard names, and no token needed.
    expect(before.samples.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
    expect(before.value('claimtrail_subscriptions_open')).toBe(0);

    const claimIds = [`PCN-0001`, `CLM-${MARKER}-a`, `CLM-${MARKER}-b`];
    for (const claimId of claimIds) {
      const input = remittedClaimInput(claimId, [18_000, 7_000], {
        patientRef: `PT-${MARKER}`,
        // The 835 pays PCN-0001 on 2025-03-14: it was billed before that.
        ...(claimId === 'PCN-0001' ? {} : { occurredAt: submitClaim().occurredAt }),
      });
      const submitted = await api.gql(SUBMIT_CLAIM, { input }, auth);
      expect(submitted.errors).toBeUndefined();
    }
    const duplicate = await api.gql(
      SUBMIT_CLAIM,
      { input: submitClaimInput({ claimId: claimIds[1], patientRef: `PT-${MARKER}` }) },
      auth,
    );
    const refusedCode = duplicate.errors?.[0]?.extensions?.code as string;
    expect(refusedCode).toBeDefined();
    const acknowledged = await api.gql(
      claimMutation('acknowledgeClaim'),
      { input: { ...CLAIM_MUTATIONS.acknowledgeClaim!.input(), claimId: claimIds[2] } },
      auth,
    );
    expect(acknowledged.errors).toBeUndefined();
    const text = readFileSync(
      new URL('../fixtures/x12/835-single-claim-payment.835', import.meta.url),
      'utf8',
    );
    const imported = await api.gql(IMPORT_835, { text }, auth);
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.import835.remittances[0].claims).toEqual([
      { outcome: 'POSTED', eventType: 'RecordPayment' },
    ]);
    expect(imported.data!.import835.counts).toEqual({
      claims: 1,
      posted: 1,
      alreadyPosted: 0,
      unmatched: 0,
      notPosted: 0,
    });
    // The client's operation name is free text: it must not become a label.
    const named = await api.gql(`query ${MARKER}Report { projections { name } }`, {}, auth);
    expect(named.errors).toBeUndefined();
    const projections = (named.data!.projections as { name: string }[]).map((p) => p.name);
    expect((await api.gql(`{ claim(id: "${MARKER}" `, {}, auth)).status).toBe(400);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      after.value(name, labels) - before.value(name, labels);

    expect(delta('claimtrail_commands_total', { command: 'SubmitClaim', outcome: 'accepted' })).toBe(3);
    expect(
      delta('claimtrail_commands_total', { command: 'SubmitClaim', outcome: 'CLAIM_ALREADY_EXISTS' }),
    ).toBe(1);
    expect(delta('claimtrail_commands_total', { command: 'AcknowledgeClaim', outcome: 'accepted' })).toBe(1);
    expect(delta('claimtrail_commands_total', { command: 'RecordPayment', outcome: 'accepted' })).toBe(1);
    const commands = after.samples.filter((s) => s.name === 'claimtrail_commands_total');
    expect(commands.reduce((n, s) => n + s.value, 0)).toBe(6);
    expect(delta('claimtrail_command_duration_seconds_count', { command: 'SubmitClaim' })).toBe(4);
    expect(delta('claimtrail_command_duration_seconds_count', { command: 'AcknowledgeClaim' })).toBe(1);
    expect(delta('claimtrail_command_duration_seconds_count', { command: 'RecordPayment' })).toBe(1);

    // Three claims, an acknowledgement, a payment and the remittance. The refused duplicate appended nothing, but it
    // tried: a submit appends expecting a new stream before reading it, and the claim's stream was there.
    expect(delta('claimtrail_event_append_duration_seconds_count')).toBe(7);
    expect(delta('claimtrail_event_append_conflicts_total')).toBe(1);

    expect(delta('claimtrail_import_items_total', { format: '835', outcome: 'posted' })).toBe(1);
    for (const outcome of ['already_posted', 'unmatched', 'not_posted'])
      expect(delta('claimtrail_import_items_total', { format: '835', outcome })).toBe(0);

    const graphql = 'claimtrail_graphql_operation_duration_seconds_count';
    expect(delta(graphql, { operation: 'submitClaim', kind: 'mutation', outcome: 'ok' })).toBe(3);
    expect(delta(graphql, { operation: 'submitClaim', kind: 'mutation', outcome: refusedCode })).toBe(1);
    expect(delta(graphql, { operation: 'acknowledgeClaim', kind: 'mutation', outcome: 'ok' })).toBe(1);
    expect(delta(graphql, { operation: 'import835', kind: 'mutation', outcome: 'ok' })).toBe(1);
    expect(delta(graphql, { operation: 'projections', kind: 'query', outcome: 'ok' })).toBe(1);
    expect(after.has(graphql, { operation: 'none', kind: 'none' })).toBe(true);
    const operations = after.samples.filter((s) => s.name === graphql);
    expect(operations.reduce((n, s) => n + s.value, 0)).toBe(8);

    for (const projection of projections) {
      for (const name of [
        'claimtrail_projection_lag_events',
        'claimtrail_projection_lag_seconds',
        'claimtrail_projection_quarantined_claims',
        'claimtrail_projection_events_total',
      ])
        expect(after.has(name, { projection })).toBe(true);
      expect(after.value('claimtrail_projection_quarantined_claims', { projection })).toBe(0);
    }

    const forbidden = [MARKER, ACTOR, ...claimIds];
    const values = after.samples.flatMap((s) => Object.values(s.labels));
    for (const value of values) for (const word of forbidden) expect(value).not.toContain(word);
  }, 60_000);

  it('shows a subscription open while it is, and closed once it ends', async () => {
    const client = wsClient(api.url, auth);
    let first!: () => void;
    const received = new Promise<void>((resolve) => (first = resolve));
    const subscription = subscribeEvents(client, {}, () => first());
    try {
      const submitted = await api.gql(SUBMIT_CLAIM, { input: submitClaimInput() }, auth);
      expect(submitted.errors).toBeUndefined();
      await received;
      expect((await scrape()).value('claimtrail_subscriptions_open')).toBe(1);
    } finally {
      subscription.stop();
      await subscription.ended;
      await client.dispose();
    }
    for (let i = 0; i < 100 && (await scrape()).value('claimtrail_subscriptions_open') !== 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await scrape()).value('claimtrail_subscriptions_open')).toBe(0);
  }, 30_000);
});

describe('METRICS_ENABLED=false', () => {
  it('serves no /metrics', async () => {
    const api = await startTestApi({ METRICS_ENABLED: 'false' });
    try {
      expect((await fetch(api.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
    } finally {
      await api.close();
    }
  }, 60_000);
});
