import { ClaimCommandExecutor } from '@claimtrail/claims';
import { acknowledgeClaim, AT, submitClaim } from '@claimtrail/claims/testing';
import {
  InMemoryEventStore,
  ObservedEventStore,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '@claimtrail/event-store';
import { CheckpointMoved } from '@claimtrail/projections';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { streamCategory } from './event-append.tracing.js';
import { MAX_BATCH_LINKS } from './projection.tracing.js';
import { createTracingObservers } from './tracing.observers.js';

const exporter = new InMemorySpanExporter();
// The provider the SDK registers in production, with its context manager, over an exporter the test reads.
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const observers = createTracingObservers();
const { occurredAt: _submittedAt, ...submission } = submitClaim();
const { occurredAt: _acknowledgedAt, ...acknowledgement } = acknowledgeClaim();
const clock = { now: () => new Date(AT.writtenOff) };

beforeAll(() => provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const named = (name: string): ReadableSpan => {
  const found = spans().filter((s) => s.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

function tracedExecutor() {
  const adapter = new InMemoryEventStore(() => new Date(AT.acknowledged));
  const store = new ObservedEventStore(adapter, observers.appends);
  return { adapter, executor: new ClaimCommandExecutor(store, clock, observers.commands) };
}

describe('a traced claim command', () => {
  it('spans the command with its append inside, stamps the append span on the event, and names no claim', async () => {
    const { adapter, executor } = tracedExecutor();
    const context = { actor: 'biller-7', occurredAt: AT.submitted, correlationId: 'req-42' };
    await executor.execute('PT-ACCT-991', submission, context);

    const command = named('command SubmitClaim');
    const append = named('eventstore append');
    expect(command.attributes).toEqual({
      'claimtrail.command.type': 'SubmitClaim',
      'claimtrail.correlation_id': 'req-42',
      'claimtrail.command.outcome': 'success',
    });
    expect(parentOf(append)).toBe(command.spanContext().spanId);
    expect(append.spanContext().traceId).toBe(command.spanContext().traceId);
    expect(append.attributes).toEqual({
      'claimtrail.stream.category': 'claim',
      'claimtrail.event_count': 1,
      'claimtrail.append.expected_version': '-1',
      'claimtrail.correlation_id': 'req-42',
      'claimtrail.append.outcome': 'appended',
    });
    const [stored] = await adapter.readStream('claim-PT-ACCT-991');
    const { traceId, spanId } = append.spanContext();
    expect(stored!.metadata.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(JSON.stringify(spans().map((s) => s.attributes))).not.toMatch(/PT-ACCT-991|biller-7/);
  });

  it('says refused with the rule, and error (failed, with the class only) for what is not a refusal', async () => {
    const { executor } = tracedExecutor();
    await expect(
      executor.execute('CLM-2', acknowledgement, { actor: 'biller', correlationId: 'req-1' }),
    ).rejects.toThrow();
    expect(named('command AcknowledgeClaim').attributes).toMatchObject({
      'claimtrail.command.outcome': 'refused',
      'claimtrail.error_code': 'CLAIM_NOT_FOUND',
    });
    expect(named('command AcknowledgeClaim').status.code).toBe(SpanStatusCode.UNSET);

    exporter.reset();
    const broken = new ClaimCommandExecutor(
      new ObservedEventStore(
        {
          ...new InMemoryEventStore(),
          readStream: async () => [],
          append: () => Promise.reject(new Error('duplicate key value (patient PT-ACCT-991)')),
        } as never,
        observers.appends,
      ),
      clock,
      observers.commands,
    );
    await expect(broken.execute('CLM-3', submission, { actor: 'biller' })).rejects.toThrow();
    for (const span of [named('command SubmitClaim'), named('eventstore append')]) {
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
      expect(span.attributes['error.type']).toBe('Error');
      expect(span.events).toEqual([]);
    }
    expect(named('command SubmitClaim').attributes['claimtrail.command.outcome']).toBe('error');
  });

  it('calls an append another writer beat a conflict, not a failure', async () => {
    const store = new ObservedEventStore(
      { append: () => Promise.reject(new WrongExpectedVersionError('claim-1', 0, 1)) } as never,
      observers.appends,
    );
    await expect(
      store.append('claim-1', [{ ...storedEvent(0), metadata: { actor: 'a', occurredAt: AT.submitted } }], {
        expectedVersion: 0,
      }),
    ).rejects.toThrow();
    expect(named('eventstore append').attributes['claimtrail.append.outcome']).toBe('conflict');
    expect(named('eventstore append').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('names streams by their kind only', () => {
    expect(streamCategory('claim-PT-ACCT-991')).toBe('claim');
    expect(streamCategory('remittance-MCRTX-TRN123')).toBe('remittance');
    expect(streamCategory('payer-MCRTX')).toBe('payer');
    expect(streamCategory('PT-ACCT-991')).toBe('other');
    expect(streamCategory('account991')).toBe('other');
  });
});

function storedEvent(n: number, traceparent?: string): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    streamName: `claim-${n}`,
    version: 0,
    position: `00000000000000000001/${String(n).padStart(20, '0')}`,
    recordedAt: AT.submitted,
    type: 'ClaimSubmitted',
    schemaVersion: 1,
    data: {},
    metadata: {
      actor: 'biller',
      occurredAt: AT.submitted,
      correlationId: `corr-${n}`,
      ...(traceparent !== undefined && { traceparent }),
    },
  };
}

const traceparentFor = (n: number) =>
  `00-${n.toString(16).padStart(32, 'a')}-${n.toString(16).padStart(16, 'b')}-01`;

describe('a traced projection batch', () => {
  it('is a root span linked to the appends that wrote its events, with its steps inside', async () => {
    const events = [
      storedEvent(1, traceparentFor(1)),
      storedEvent(2, traceparentFor(1)),
      storedEvent(3),
      storedEvent(4, 'not a traceparent'),
      storedEvent(5, traceparentFor(5)),
    ];
    await trace.getTracer('test').startActiveSpan('caller', async (caller) => {
      await observers.batches.batch('claim_summaries', events, async () => {
        observers.batches.step('apply')(undefined);
        observers.batches.step('checkpoint')(undefined);
      });
      caller.end();
    });

    const batch = named('projection batch claim_summaries');
    expect(parentOf(batch)).toBeUndefined();
    expect(batch.kind).toBe(SpanKind.INTERNAL);
    expect(batch.attributes).toEqual({
      'claimtrail.projection': 'claim_summaries',
      'claimtrail.event_count': 5,
      'claimtrail.position.from': events[0]!.position,
      'claimtrail.position.to': events[4]!.position,
      'claimtrail.projection.outcome': 'committed',
    });
    expect(batch.links.map((l) => [l.context.traceId, l.context.spanId, l.attributes])).toEqual([
      [
        traceparentFor(1).slice(3, 35),
        traceparentFor(1).slice(36, 52),
        { 'claimtrail.correlation_id': 'corr-1' },
      ],
      [
        traceparentFor(5).slice(3, 35),
        traceparentFor(5).slice(36, 52),
        { 'claimtrail.correlation_id': 'corr-5' },
      ],
    ]);
    for (const step of ['projection apply', 'projection checkpoint']) {
      expect(parentOf(named(step))).toBe(batch.spanContext().spanId);
      expect(named(step).spanContext().traceId).toBe(batch.spanContext().traceId);
    }
  });

  it(`links at most ${MAX_BATCH_LINKS} commands`, async () => {
    const events = Array.from({ length: 100 }, (_, n) => storedEvent(n + 1, traceparentFor(n + 1)));
    await observers.batches.batch('worklist', events, async () => undefined);
    const links = named('projection batch worklist').links;
    expect(links).toHaveLength(MAX_BATCH_LINKS);
    expect(links[0]!.attributes).toEqual({ 'claimtrail.correlation_id': 'corr-1' });
  });

  it('calls a batch another runner committed first moved, and a failed step failed', async () => {
    await expect(
      observers.batches.batch('aging', [storedEvent(1)], async () => {
        observers.batches.step('apply')({ error: new TypeError('value "PT-ACCT-991" is out of range') });
        throw new CheckpointMoved();
      }),
    ).rejects.toBeInstanceOf(CheckpointMoved);
    const batch = named('projection batch aging');
    expect(batch.attributes['claimtrail.projection.outcome']).toBe('moved');
    expect(batch.status.code).toBe(SpanStatusCode.UNSET);
    expect(named('projection apply').status.code).toBe(SpanStatusCode.ERROR);
    expect(named('projection apply').attributes).toEqual({ 'error.type': 'TypeError' });
  });
});
