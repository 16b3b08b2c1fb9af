import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  InvalidEventStoreArgumentError,
  WrongExpectedVersionError,
} from '../event-store.errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { appendWhileOthersRun, collect, until } from './concurrent-writers.js';
import type { ContractSubject } from './contract-subject.js';

export type { ContractSubject };

export type ContractOpener = () => Promise<ContractSubject>;

export interface ContractOptions {
  /** EventStoreDB checks event ids per stream only; the others refuse an id that another stream holds. */
  eventIdsUniqueAcrossStreams?: boolean;
}

export function newEvent(type = 'ThingHappened', data: unknown = { n: 1 }): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'tester', occurredAt: '2026-01-02T03:04:05.000Z' },
  };
}

const uniqueStream = (prefix = 'claim') => `${prefix}-${randomUUID()}`;

/** The behaviour every event-store adapter must have. */
export function eventStoreContract(
  name: string,
  open: ContractOpener,
  options: ContractOptions = { eventIdsUniqueAcrossStreams: true },
): void {
  describe(`event store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => subject?.dispose());

    describe('append with an expected version', () => {
      it('creates a stream with no_stream and numbers events from 0', async () => {
        const stream = uniqueStream();
        const result = await store.append(stream, [newEvent(), newEvent()], { expectedVersion: 'no_stream' });
        expect(result.streamVersion).toBe(1);
        const events = await store.readStream(stream);
        expect(events.map((e) => e.version)).toEqual([0, 1]);
        expect(events[1]!.position).toBe(result.position);
      });

      it('appends at the exact version and refuses a stale one, writing nothing', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], { expectedVersion: 'no_stream' });
        await store.append(stream, [newEvent()], { expectedVersion: 0 });
        await expect(
          store.append(stream, [newEvent(), newEvent()], { expectedVersion: 0 }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(
          store.append(stream, [newEvent()], { expectedVersion: 'no_stream' }),
        ).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_VERSION',
          actual: 1,
        });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('accepts any version, and stream_exists only on an existing stream', async () => {
        const stream = uniqueStream();
        await expect(
          store.append(stream, [newEvent()], { expectedVersion: 'stream_exists' }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await store.append(stream, [newEvent()], { expectedVersion: 'any' });
        const result = await store.append(stream, [newEvent()], { expectedVersion: 'stream_exists' });
        expect(result.streamVersion).toBe(1);
      });
    });

    describe('idempotent append', () => {
      it('stores an event id once when the same append is retried, and returns the first result', async () => {
        const stream = uniqueStream();
        const events = [newEvent(), newEvent()];
        const first = await store.append(stream, events, { expectedVersion: 'no_stream' });
        const retry = await store.append(stream, events, { expectedVersion: 'no_stream' });
        expect(retry).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('refuses a batch in which only some ids are stored already', async () => {
        const stream = uniqueStream();
        const stored = newEvent();
        await store.append(stream, [stored], { expectedVersion: 'any' });
        await expect(
          store.append(stream, [stored, newEvent()], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    (options.eventIdsUniqueAcrossStreams ? it : it.skip)(
      'refuses an event id that another stream holds, writing nothing',
      async () => {
        const event = newEvent();
        await store.append(uniqueStream(), [event], { expectedVersion: 'no_stream' });
        const other = uniqueStream();
        await expect(
          store.append(other, [newEvent(), event], { expectedVersion: 'no_stream' }),
        ).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(other)).toEqual([]);
      },
    );

    describe('reading', () => {
      it('keeps type, schema version, data and metadata as appended', async () => {
        const stream = uniqueStream();
        const event = newEvent('ClaimSubmitted', { amountCents: 12345, lines: [{ code: '99213' }] });
        event.metadata = {
          ...event.metadata,
          commandId: randomUUID(),
          correlationId: randomUUID(),
          causationId: randomUUID(),
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        };
        await store.append(stream, [event], { expectedVersion: 'no_stream' });
        const [recorded] = await store.readStream(stream);
        expect(recorded).toMatchObject({
          id: event.id,
          streamName: stream,
          type: 'ClaimSubmitted',
          schemaVersion: 1,
          version: 0,
        });
        expect(recorded!.data).toEqual(event.data);
        expect(recorded!.metadata).toEqual(event.metadata);
        expect(Number.isNaN(Date.parse(recorded!.recordedAt))).toBe(false);
      });

      it('reads a stream from and to a version', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent(), newEvent(), newEvent(), newEvent()], {
          expectedVersion: 'no_stream',
        });
        const events = await store.readStream(stream, { fromVersion: 1, toVersion: 2 });
        expect(events.map((e) => e.version)).toEqual([1, 2]);
        expect(await store.readStream(uniqueStream())).toEqual([]);
      });

      it('reads several whole streams at once, each as readStream gives it, missing ones empty', async () => {
        const [a, b, missing] = [uniqueStream(), uniqueStream(), uniqueStream()];
        await store.append(a, [newEvent(), newEvent()], { expectedVersion: 'no_stream' });
        await store.append(b, [newEvent()], { expectedVersion: 'no_stream' });
        await store.append(a, [newEvent()], { expectedVersion: 1 });
        const streams = await store.readStreams([b, missing, a]);
        expect([...streams.keys()].sort()).toEqual([a, b, missing].sort());
        expect(streams.get(a)).toEqual(await store.readStream(a));
        expect(streams.get(b)).toEqual(await store.readStream(b));
        expect(streams.get(missing)).toEqual([]);
      });

      it('reads all events after a position in log order, filtered by type and stream prefix', async () => {
        const start = await store.headPosition();
        const prefix = `f${randomUUID().slice(0, 8)}`;
        const a = uniqueStream(prefix);
        const b = uniqueStream(prefix);
        await store.append(a, [newEvent('A'), newEvent('B')], { expectedVersion: 'no_stream' });
        await store.append(b, [newEvent('A')], { expectedVersion: 'no_stream' });
        await store.append(uniqueStream('other'), [newEvent('A')], { expectedVersion: 'no_stream' });
        const all = await store.readAll({ after: start, limit: 100 });
        expect(all.length).toBeGreaterThanOrEqual(4);
        const positions = all.map((e) => e.position);
        expect([...positions].sort()).toEqual(positions);
        const filtered = await store.readAll({ after: start, types: ['A'], streamPrefix: prefix });
        expect(filtered.map((e) => [e.streamName, e.type])).toEqual([
          [a, 'A'],
          [b, 'A'],
        ]);
        const page = await store.readAll({ after: filtered[0]!.position, streamPrefix: prefix, limit: 1 });
        expect(page.map((e) => e.type)).toEqual(['B']);
      });
    });

    describe('subscription', () => {
      it('catches up from a position, then follows new appends', async () => {
        const start = await store.headPosition();
        const prefix = `s${randomUUID().slice(0, 8)}`;
        await store.append(uniqueStream(prefix), [newEvent('Old')], { expectedVersion: 'no_stream' });
        const controller = new AbortController();
        const seen: string[] = [];
        const done = (async () => {
          for await (const batch of store.subscribe({
            after: start,
            streamPrefix: prefix,
            signal: controller.signal,
          })) {
            seen.push(...batch.map((e) => e.type));
            if (seen.length === 2) controller.abort();
          }
        })();
        await store.append(uniqueStream(prefix), [newEvent('New')], { expectedVersion: 'no_stream' });
        await done;
        expect(seen).toEqual(['Old', 'New']);
      });

      it('resumes from a saved position with nothing missed and nothing repeated', async () => {
        const start = await store.headPosition();
        const prefix = `r${randomUUID().slice(0, 8)}`;
        const first = Array.from({ length: 7 }, () => newEvent('Before'));
        for (const event of first)
          await store.append(uniqueStream(prefix), [event], { expectedVersion: 'any' });
        const controller = new AbortController();
        const seen: RecordedEvent[] = [];
        for await (const batch of store.subscribe({
          after: start,
          streamPrefix: prefix,
          batchSize: 3,
          signal: controller.signal,
        })) {
          seen.push(...batch);
          if (seen.length >= 4) controller.abort();
        }
        const checkpoint = seen[seen.length - 1]!.position;
        const later = [newEvent('After'), newEvent('After')];
        await store.append(uniqueStream(prefix), later, { expectedVersion: 'no_stream' });
        const resumed = await collect(store, { after: checkpoint, streamPrefix: prefix }, 9 - seen.length);
        const ids = [...seen, ...resumed].map((e) => e.id);
        expect(ids).toEqual([...first, ...later].map((e) => e.id));
      });
    });

    describe('a slow appender', () => {
      it('holds readers below its events until it commits, then they read every event in log order', async () => {
        if (!subject.appendHeldOpen || subject.singleConnection) return;
        const start = await store.headPosition();
        const prefix = `h${randomUUID().slice(0, 8)}`;
        const slow = newEvent('Slow');
        const fast = newEvent('Fast');
        let release!: () => void;
        let holding!: () => void;
        const held = new Promise<void>((resolve) => (holding = resolve));
        const slowAppend = subject.appendHeldOpen(
          uniqueStream(prefix),
          [slow],
          { expectedVersion: 'no_stream' },
          () => {
            holding();
            return new Promise<void>((resolve) => (release = resolve));
          },
        );
        await held;
        await store.append(uniqueStream(prefix), [fast], { expectedVersion: 'no_stream' });
        expect(await store.readAll({ after: start, streamPrefix: prefix })).toEqual([]);
        expect(await store.headPosition()).toBe(start);
        release();
        await slowAppend;
        const read = await store.readAll({ after: start, streamPrefix: prefix });
        expect(read.map((e) => e.id)).toEqual([slow.id, fast.id]);
      });
    });

    describe('concurrent writers', () => {
      it('delivers every event exactly once to a live subscriber and to one restarted from a checkpoint', async () => {
        const start = await store.headPosition();
        const prefix = `c${randomUUID().slice(0, 8)}`;
        const run = await appendWhileOthersRun(subject, {
          prefix,
          start,
          writers: 8,
          appendsPerWriter: 25,
          newEvent,
        });
        try {
          await until(
            () => run.live.length >= run.appended.length && run.restarted.length >= run.appended.length,
            20_000,
            () => ({
              appended: run.appended.length,
              live: run.live.length,
              restarted: run.restarted.length,
              missingLive: run.appended.filter((id) => !run.live.some((e) => e.id === id)).length,
            }),
          );
        } finally {
          run.stop();
          await run.finished;
        }
        const expected = [...run.appended].sort();
        expect([...run.live.map((e) => e.id)].sort()).toEqual(expected);
        expect([...run.restarted.map((e) => e.id)].sort()).toEqual(expected);
        expect(run.restartedAt).toBeGreaterThan(0);
        expect(run.restartedAt).toBeLessThan(expected.length);
        for (const seen of [run.live, run.restarted]) {
          const positions = seen.map((e) => e.position);
          expect([...positions].sort()).toEqual(positions);
        }
      }, 60_000);
    });

    describe('bad input', () => {
      it.each([
        ['an empty stream name', '', [newEvent()], 'any'],
        ['no events', 'claim-x', [], 'any'],
        ['an event without a type', 'claim-x', [{ ...newEvent(), type: '' }], 'any'],
        ['data that is not JSON', 'claim-x', [{ ...newEvent(), data: { n: 1n } }], 'any'],
        ['an expected version below -1', 'claim-x', [newEvent()], -2],
      ] as const)('refuses %s before writing', async (_label, stream, events, expectedVersion) => {
        const head = await store.headPosition();
        await expect(
          store.append(stream, events as unknown as NewEvent[], {
            expectedVersion: expectedVersion as never,
          }),
        ).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
        expect(await store.headPosition()).toBe(head);
      });
    });
  });
}
