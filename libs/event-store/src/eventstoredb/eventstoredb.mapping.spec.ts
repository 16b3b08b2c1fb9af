import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreError, WrongExpectedVersionError } from '../event-store.errors.js';
import type { NewEvent } from '../event-store.port.js';
import {
  fromEsdbPosition,
  fromResolvedEvent,
  mapEsdbError,
  matchesFilter,
  toEsdbPosition,
  toEventData,
  toExpectedRevision,
  toServerFilter,
} from './eventstoredb.mapping.js';

const event: NewEvent = {
  id: '0b8e3c1e-8f7a-4a53-9d55-5f0c6f1f9a01',
  type: 'ClaimSubmitted',
  schemaVersion: 2,
  data: { amountCents: 12345 },
  metadata: {
    actor: 'biller-1',
    occurredAt: '2026-01-02T03:04:05.000Z',
    correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    causationId: 'c0ffee00-0000-4000-8000-000000000002',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  },
};

function resolved(overrides: Partial<Record<string, unknown>> = {}): AllStreamResolvedEvent {
  const data = toEventData(event);
  return {
    event: {
      streamId: 'claim-1',
      id: data.id,
      isJson: true,
      revision: 3n,
      type: data.type,
      created: new Date('2026-01-02T03:04:06.000Z'),
      data: data.data,
      metadata: data.metadata,
      position: { commit: 1200n, prepare: 1100n },
      ...overrides,
    },
  } as AllStreamResolvedEvent;
}

describe('EventStoreDB positions', () => {
  it('round-trips a commit/prepare position', () => {
    const position = { commit: 18446744073709551615n, prepare: 42n };
    expect(toEsdbPosition(fromEsdbPosition(position))).toEqual(position);
  });

  it('orders positions as strings the way the commit position orders the log', () => {
    const positions = [
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 1n },
      { commit: 10n, prepare: 2n },
      { commit: 1_000_000_000_000n, prepare: 0n },
    ].map(fromEsdbPosition);
    expect([...positions].sort()).toEqual(positions);
  });
});

describe('EventStoreDB expected revision', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    [-1, NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
  ] as const)('maps %p', (expected, revision) => {
    expect(toExpectedRevision(expected)).toBe(revision);
  });
});

describe('EventStoreDB errors', () => {
  it('maps a wrong expected version to the port error with the actual version', () => {
    const error = new EsdbWrongExpectedVersionError(undefined, {
      streamName: 'claim-1',
      expected: 1n,
      current: 4n,
    });
    const mapped = mapEsdbError(error, 'claim-1', 1);
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamName: 'claim-1', actual: 4 });
  });

  it('reports a missing stream as version -1', () => {
    const error = new EsdbWrongExpectedVersionError(undefined, {
      streamName: 'claim-2',
      expected: 0n,
      current: NO_STREAM,
    });
    expect(mapEsdbError(error, 'claim-2', 0)).toMatchObject({ actual: -1 });
  });

  it('maps an unreachable server to UNAVAILABLE without server detail', () => {
    const mapped = mapEsdbError(new UnavailableError());
    expect(mapped).toBeInstanceOf(EventStoreError);
    expect(mapped).toMatchObject({ code: 'UNAVAILABLE', message: 'EventStoreDB is unavailable' });
  });

  it('leaves other errors alone', () => {
    const error = new TypeError('boom');
    expect(mapEsdbError(error)).toBe(error);
  });
});

describe('EventStoreDB event serialisation', () => {
  it('keeps the metadata and schema version in the event metadata, with correlation keys for the server', () => {
    const data = toEventData(event);
    expect(data).toMatchObject({ id: event.id, type: 'ClaimSubmitted', contentType: 'application/json' });
    expect(data.data).toEqual(event.data);
    expect(data.metadata).toEqual({
      ...event.metadata,
      schemaVersion: 2,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    });
  });

  it('reads back the event as appended', () => {
    expect(fromResolvedEvent(resolved())).toEqual({
      ...event,
      streamName: 'claim-1',
      version: 3,
      position: fromEsdbPosition({ commit: 1200n, prepare: 1100n }),
      recordedAt: '2026-01-02T03:04:06.000Z',
    });
  });

  it('reads binary JSON payloads too', () => {
    const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const recorded = fromResolvedEvent(
      resolved({
        isJson: false,
        data: bytes(event.data),
        metadata: bytes({ ...event.metadata, schemaVersion: 2 }),
      }),
    );
    expect(recorded?.data).toEqual(event.data);
    expect(recorded?.schemaVersion).toBe(2);
  });

  it('hides system events and unresolved links', () => {
    expect(fromResolvedEvent(resolved({ type: '$metadata' }))).toBeUndefined();
    expect(fromResolvedEvent(resolved({ streamId: '$stats-1' }))).toBeUndefined();
    expect(fromResolvedEvent({} as AllStreamResolvedEvent)).toBeUndefined();
  });
});

describe('EventStoreDB filters', () => {
  it('filters on the server by stream prefix first, then by exact type', () => {
    expect(toServerFilter({ streamPrefix: 'claim-', types: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['claim-'],
    });
    expect(toServerFilter({ types: ['Claim.Paid', 'B'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:Claim\\.Paid|B)$',
    });
    expect(toServerFilter({})).toMatchObject({ filterOn: 'eventType' });
  });

  it('checks both conditions on the client', () => {
    const recorded = fromResolvedEvent(resolved())!;
    expect(matchesFilter(recorded, { streamPrefix: 'claim-', types: ['ClaimSubmitted'] })).toBe(true);
    expect(matchesFilter(recorded, { streamPrefix: 'claim-', types: ['Other'] })).toBe(false);
    expect(matchesFilter(recorded, { streamPrefix: 'payer-' })).toBe(false);
  });
});
