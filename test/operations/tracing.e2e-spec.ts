// OpenTelemetry traces from the built API, exported over OTLP/HTTP (JSON) to a receiver this test runs: the span tree
// of a submitClaim (graphql -> command -> append) in one trace with the request's correlation id, the projections'
// batches linking back to it, nothing exported before shutdown flushes it, and no claim, patient or actor in any of
// it. Without OTLP settings no SDK starts and events carry no trace context.
import { createServer, type Server } from 'node:http';
import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import { trace } from '@opentelemetry/api';
import { startTestApi, type GraphQLResponse } from '../support/api-harness.js';
import { buildApi, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { bearer } from '../support/test-tokens.js';

const MARKER = `ZqTrace${Math.random().toString(36).slice(2, 8)}`;
const ACTOR = `biller-${MARKER}`;
const PATIENT = {
  lastName: `${MARKER}LAST`,
  firstName: `${MARKER}FIRST`,
  birthDate: '1929-02-03',
  memberId: `${MARKER}MEMBER`,
};
const SUBMIT = `mutation Submit${MARKER}($input: SubmitClaimInput!) {
  submitClaim(input: $input) { claimId version position }
}`;

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
  links?: { traceId: string; spanId: string; attributes: OtlpAttribute[] }[];
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const SERVER = 2;

const attributes = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(
    list.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue]),
  );

/** A collector's OTLP/HTTP endpoint in miniature: keeps every export request it receives, answers 200. */
class OtlpReceiver {
  readonly requests: { path: string; contentType: string; body: string }[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        this.requests.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  exports(): OtlpExport[] {
    return this.requests.map((r) => JSON.parse(r.body) as OtlpExport);
  }

  spans(): OtlpSpan[] {
    return this.exports().flatMap((e) =>
      e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function gql(url: string, query: string, variables: object, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

describe('traces exported over OTLP/HTTP by the built API', () => {
  const receiver = new OtlpReceiver();
  let database: ResolvedDatabase | undefined;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    buildApi();
    if (process.env.DATABASE_URL) database = await createTestDatabase();
  }, 180_000);
  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await api?.exited;
    await receiver.close();
    await database?.close();
  });

  it('follow a submitClaim from the GraphQL request to its append, and each projection batch back to it', async () => {
    const endpoint = await receiver.start();
    api = await startApiProcess({
      ...(database ? { DATABASE_URL: database.url } : { CLAIMTRAIL_DATA_DIR: 'memory' }),
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'claimtrail-api-e2e',
      // Nothing leaves before shutdown: what arrives was flushed by it.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    const correlationId = `corr-${Math.random().toString(36).slice(2, 10)}`;
    const headers = { ...(await bearer(ACTOR)), 'x-correlation-id': correlationId };
    const input = submitClaimInput({
      claimId: `CLM-${MARKER}`,
      patientRef: `PT-${MARKER}`,
      patient: PATIENT,
      commandId: `cmd-${MARKER}`,
    });
    const submitted = await gql(api.url, SUBMIT, { input }, headers);
    expect(submitted.errors).toBeUndefined();
    // Read-your-writes waits for the claims projection to apply the event, so its batch has ended.
    const read = await gql(
      api.url,
      CLAIM,
      { id: input.claimId, at: submitted.data!.submitClaim.position },
      headers,
    );
    expect(read.data!.claim.id).toBe(input.claimId);
    expect(receiver.requests).toEqual([]);

    api.child.kill('SIGTERM');
    expect(await api.exited).not.toBe('SIGKILL');
    expect(receiver.requests.length).toBeGreaterThan(0);
    for (const request of receiver.requests) {
      expect(request.path).toBe('/v1/traces');
      expect(request.contentType).toMatch(/^application\/json/);
    }
    for (const { resourceSpans } of receiver.exports())
      for (const { resource } of resourceSpans)
        expect(attributes(resource.attributes)['service.name']).toBe('claimtrail-api-e2e');

    const spans = receiver.spans();
    const one = (name: string, where: (span: OtlpSpan) => boolean = () => true) => {
      const found = spans.filter((s) => s.name === name && where(s));
      expect(found.map((s) => s.name)).toEqual([name]);
      return found[0]!;
    };
    const request = one('graphql submitClaim');
    const command = one('command SubmitClaim');
    const append = one('eventstore append', (s) => s.parentSpanId === command.spanId);
    expect(request.kind).toBe(SERVER);
    expect(request.parentSpanId || undefined).toBeUndefined();
    expect(command.parentSpanId).toBe(request.spanId);
    for (const span of [command, append]) expect(span.traceId).toBe(request.traceId);
    expect(attributes(request.attributes)).toMatchObject({
      'claimtrail.correlation_id': correlationId,
      'graphql.operation.type': 'mutation',
      'claimtrail.outcome': 'ok',
    });
    expect(attributes(command.attributes)).toMatchObject({
      'claimtrail.correlation_id': correlationId,
      'claimtrail.command.type': 'SubmitClaim',
      'claimtrail.command.outcome': 'success',
    });
    expect(attributes(append.attributes)).toMatchObject({
      'claimtrail.correlation_id': correlationId,
      'claimtrail.stream.category': 'claim',
      'claimtrail.append.outcome': 'appended',
    });
    expect(Number(attributes(append.attributes)['claimtrail.event_count'])).toBe(1);

    // Every projection that applied the event links its batch, a trace of its own, to the append that wrote it.
    const linked = spans.filter(
      (s) =>
        s.name.startsWith('projection batch ') &&
        s.links?.some((l) => l.traceId === append.traceId && l.spanId === append.spanId),
    );
    expect(linked.map((s) => s.name)).toContain('projection batch claim_summaries');
    for (const batch of linked) {
      expect(batch.traceId).not.toBe(request.traceId);
      expect(batch.parentSpanId || undefined).toBeUndefined();
      const link = batch.links!.find((l) => l.spanId === append.spanId)!;
      expect(attributes(link.attributes)).toEqual({ 'claimtrail.correlation_id': correlationId });
      const children = spans.filter((s) => s.parentSpanId === batch.spanId).map((s) => s.name);
      expect(children.sort()).toEqual(['projection apply', 'projection checkpoint']);
    }

    // Names, attributes, links and resources: no claim, patient, actor or client-chosen operation name anywhere.
    const exported = receiver.requests.map((r) => r.body).join('\n');
    for (const secret of [MARKER, input.claimId, input.patientRef, PATIENT.birthDate, 'Submit' + MARKER])
      expect(exported).not.toContain(secret);
  }, 180_000);
});

describe('traces without OTLP settings', () => {
  const receiver = new OtlpReceiver();
  afterAll(() => receiver.close());

  it.each([
    ['no OTEL_* setting', async () => ({})],
    [
      'an endpoint with OTEL_TRACES_EXPORTER=none',
      async () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: await receiver.start(), OTEL_TRACES_EXPORTER: 'none' }),
    ],
  ])('start no SDK and leave the events without trace context, given %s', async (_label, envOf) => {
    const lines: string[] = [];
    const api = await startTestApi({ LOG_LEVEL: 'info', ...(await envOf()) }, undefined, {
      logDestination: { write: (line: string) => void lines.push(line) },
    });
    try {
      const input = submitClaimInput();
      const submitted = await api.gql(SUBMIT, { input }, { 'x-correlation-id': 'corr-off' });
      expect(submitted.errors).toBeUndefined();
      const [event] = await api.app.get<EventStore>(EVENT_STORE).readStream(`claim-${input.claimId}`);
      expect(event!.metadata.correlationId).toBe('corr-off');
      expect(event!.metadata).not.toHaveProperty('traceparent');
      // No tracer provider was registered: spans are the API's no-ops.
      expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
      expect(lines.join('')).not.toMatch(/"context":"Tracing"/);
    } finally {
      await api.close();
    }
    expect(receiver.requests).toEqual([]);
  });
});
