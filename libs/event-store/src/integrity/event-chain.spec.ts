import { InMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import { newEvent } from '../testing/event-store.contract.js';
import { chainedEventOf } from './chain-fields.js';
import { canonicalEventBytes, jsonbText } from './event-chain.js';
import { ReadBackIntegrity } from './read-back-integrity.js';
import { verifyStream } from './verify.js';

describe('jsonbText prints JSON as PostgreSQL prints jsonb', () => {
  it.each([
    [{ b: 1, a: 2, aa: [] }, '{"a": 2, "b": 1, "aa": []}'],
    [
      { n: 1e21, m: 1.5e-7, z: -0, f: 2.5 },
      '{"f": 2.5, "m": 0.00000015, "n": 1000000000000000000000, "z": 0}',
    ],
    [['x\n"y"', null, true, {}], '["x\\n\\"y\\"", null, true, {}]'],
    [{ é: 1, z: 2 }, '{"z": 2, "é": 1}'],
  ])('%j', (value, text) => expect(jsonbText(value)).toBe(text));
});

describe('the canonical bytes', () => {
  it('prefix every field with its byte length, so that no value can move a boundary', () => {
    const bytes = canonicalEventBytes({
      streamName: 'claim-X',
      version: 0,
      eventId: 'AAAAAAAA-0000-4000-8000-000000000000',
      type: 'T',
      schemaVersion: 1,
      dataText: '{}',
      metadataText: '{"a": "é"}',
    });
    expect(bytes.toString('utf8')).toBe(
      '19:claimtrail/event/v1\n7:claim-X\n1:0\n36:aaaaaaaa-0000-4000-8000-000000000000\n1:T\n1:1\n2:{}\n11:{"a": "é"}\n',
    );
  });
});

describe('the in-memory adapter chains each stream', () => {
  it('passes untouched, and names the version whose data changed or that is missing', async () => {
    const store = new InMemoryEventStore();
    const traced = newEvent('B', { n: 2 });
    traced.metadata.traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await store.append('claim-1', [newEvent(), traced, newEvent()], { expectedVersion: 'no_stream' });
    expect(await new ReadBackIntegrity(store).verifyStream('claim-1')).toMatchObject({
      intact: true,
      checkedEvents: 3,
    });
    const events = (await store.readStream('claim-1')).map(chainedEventOf);
    expect(
      verifyStream([events[0]!, { ...events[1]!, dataText: '{"n": 3}' }, events[2]!]).firstBroken,
    ).toMatchObject({ streamName: 'claim-1', version: 1, reason: 'EVENT_CHANGED' });
    expect(verifyStream([events[0]!, events[2]!]).firstBroken).toEqual({
      streamName: 'claim-1',
      version: 1,
      reason: 'EVENT_MISSING',
    });
  });
});
