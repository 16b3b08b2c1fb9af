import { ShuttingDownError } from '../errors/api-errors.js';
import { untilShutdown } from './until-shutdown.js';

interface Item {
  position: string;
}

/** Hands out the given items, then waits for more until returned; records whether it was returned. */
function source(items: Item[]) {
  let release: (result: IteratorResult<Item>) => void = () => {};
  const state = { returned: false };
  const iterator: AsyncIterableIterator<Item> = {
    async next() {
      const item = items.shift();
      if (item) return { value: item, done: false };
      return new Promise<IteratorResult<Item>>((resolve) => (release = resolve));
    },
    async return() {
      state.returned = true;
      release({ value: undefined, done: true });
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return { iterator, state };
}

const positionOf = (item: Item) => item.position;

async function shutdownError(pull: Promise<unknown>): Promise<ShuttingDownError> {
  try {
    await pull;
  } catch (error) {
    if (error instanceof ShuttingDownError) return error;
    throw error;
  }
  throw new Error('The pull did not fail');
}

describe('untilShutdown', () => {
  it('hands on every item while the process runs', async () => {
    const { iterator } = source([{ position: 'p1' }, { position: 'p2' }]);
    const items = untilShutdown(iterator, new AbortController().signal, positionOf);
    expect(await items.next()).toEqual({ value: { position: 'p1' }, done: false });
    expect(await items.next()).toEqual({ value: { position: 'p2' }, done: false });
  });

  it('fails a pull waiting for the next item with the position of the last one handed on, and stops the source', async () => {
    const controller = new AbortController();
    const { iterator, state } = source([{ position: 'p1' }]);
    const items = untilShutdown(iterator, controller.signal, positionOf, 'p0');
    await items.next();
    const waiting = items.next();
    controller.abort();
    expect((await shutdownError(waiting)).lastPosition).toBe('p1');
    expect(state.returned).toBe(true);
  });

  it('fails the next pull after a shutdown, even with items ready, naming where it started when it handed on none', async () => {
    const controller = new AbortController();
    const { iterator, state } = source([{ position: 'p1' }]);
    const items = untilShutdown(iterator, controller.signal, positionOf, 'p0');
    controller.abort();
    expect((await shutdownError(items.next())).lastPosition).toBe('p0');
    expect(state.returned).toBe(true);
  });

  it('names no position when it started from the beginning and handed on nothing', async () => {
    const controller = new AbortController();
    const items = untilShutdown(source([]).iterator, controller.signal, positionOf);
    controller.abort();
    expect((await shutdownError(items.next())).lastPosition).toBeUndefined();
  });

  it('stops listening to the signal once the client completes', async () => {
    const controller = new AbortController();
    const { iterator, state } = source([{ position: 'p1' }]);
    const items = untilShutdown(iterator, controller.signal, positionOf);
    await items.next();
    await items.return!();
    expect(state.returned).toBe(true);
    controller.abort();
    expect(await items.next()).toEqual({ value: undefined, done: true });
  });
});
