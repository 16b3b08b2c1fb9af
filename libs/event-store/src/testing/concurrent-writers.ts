import { randomInt, randomUUID } from 'node:crypto';
import { abortableSleep } from '../abortable-sleep.js';
import type { EventStore, NewEvent, Position, RecordedEvent, SubscribeOptions } from '../event-store.port.js';
import type { ContractSubject } from './contract-subject.js';

/** Waits for a condition; the bound only turns a hang into a failure, it asserts nothing about speed. */
export async function until(
  condition: () => boolean,
  boundMs = 20_000,
  state: () => unknown = () => undefined,
): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not reached: ${JSON.stringify(state())}`);
    await abortableSleep(10);
  }
}

/** Subscribes until count events arrived. */
export async function collect(
  store: EventStore,
  options: SubscribeOptions,
  count: number,
): Promise<RecordedEvent[]> {
  const controller = new AbortController();
  const seen: RecordedEvent[] = [];
  const bound = setTimeout(() => controller.abort(), 30_000);
  for await (const batch of store.subscribe({ ...options, signal: controller.signal })) {
    seen.push(...batch);
    if (seen.length >= count) controller.abort();
  }
  clearTimeout(bound);
  return seen;
}

export interface ConcurrentRunOptions {
  prefix: string;
  start: Position | undefined;
  writers: number;
  appendsPerWriter: number;
  newEvent: (type?: string) => NewEvent;
}

export interface ConcurrentRun {
  /** Ids of every event whose append returned. */
  appended: string[];
  live: RecordedEvent[];
  /** What the restarted subscriber saw, before and after its restart. */
  restarted: RecordedEvent[];
  restartedAt: number;
  stop(): void;
  finished: Promise<void>;
}

/**
 * Writers append to shared and fresh streams, some holding their transaction open before commit, while one
 * subscriber follows live and another stops halfway, keeps its checkpoint and starts again from it. Resolves when
 * every writer is done; the subscribers run on until stop().
 */
export async function appendWhileOthersRun(
  subject: ContractSubject,
  options: ConcurrentRunOptions,
): Promise<ConcurrentRun> {
  const { store } = subject;
  const controller = new AbortController();
  const shared = Array.from({ length: 12 }, () => `${options.prefix}-${randomUUID()}`);
  const run: ConcurrentRun = {
    appended: [],
    live: [],
    restarted: [],
    restartedAt: 0,
    stop: () => controller.abort(),
    finished: Promise.resolve(),
  };
  const follow = async (after: Position | undefined, into: RecordedEvent[], signal: AbortSignal) => {
    for await (const batch of store.subscribe({ after, streamPrefix: options.prefix, batchSize: 5, signal }))
      into.push(...batch);
  };
  const live = follow(options.start, run.live, controller.signal);

  let restartDone!: () => void;
  const restartHappened = new Promise<void>((resolve) => (restartDone = resolve));
  const restarting = (async () => {
    const first = new AbortController();
    controller.signal.addEventListener('abort', () => first.abort(), { once: true });
    let checkpoint = options.start;
    for await (const batch of store.subscribe({
      after: options.start,
      streamPrefix: options.prefix,
      batchSize: 5,
      signal: first.signal,
    })) {
      run.restarted.push(...batch);
      checkpoint = batch[batch.length - 1]!.position;
      if (run.restarted.length >= 15) first.abort();
    }
    run.restartedAt = run.restarted.length;
    restartDone();
    await follow(checkpoint, run.restarted, controller.signal);
  })();

  const writer = async () => {
    for (let i = 0; i < options.appendsPerWriter; i++) {
      // Half the appends land before the restart, half after.
      if (i === Math.floor(options.appendsPerWriter / 2)) await restartHappened;
      const events = Array.from({ length: randomInt(1, 4) }, () => options.newEvent('Concurrent'));
      if (subject.appendHeldOpen && randomInt(0, 5) === 0) {
        const stream = `${options.prefix}-${randomUUID()}`;
        await subject.appendHeldOpen(stream, events, { expectedVersion: 'no_stream' }, () =>
          abortableSleep(randomInt(5, 40)),
        );
      } else {
        await store.append(shared[randomInt(0, shared.length)]!, events, { expectedVersion: 'any' });
      }
      run.appended.push(...events.map((e) => e.id));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.writers }, writer));
  } catch (error) {
    controller.abort();
    throw error;
  }
  run.finished = Promise.all([live, restarting]).then(() => undefined);
  return run;
}
