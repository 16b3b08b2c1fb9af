import { ShuttingDownError } from '../errors/api-errors.js';

/**
 * A subscription's items until the process shuts down: then its pending or next pull stops the source and fails
 * with ShuttingDownError carrying the position of the last item handed on (`after` before the first), for the
 * client to resume from. graphql-ws pulls the next item only once it has sent the last, so that item was delivered;
 * one read but not handed on is dropped, and comes again on resuming.
 */
export function untilShutdown<T>(
  items: AsyncIterableIterator<T>,
  signal: AbortSignal,
  positionOf: (item: T) => string,
  after?: string,
): AsyncIterableIterator<T> {
  let last = after;
  let finished = false;
  let onAbort = () => {};
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const release = () => {
    finished = true;
    signal.removeEventListener('abort', onAbort);
  };
  const shutDown = async (): Promise<never> => {
    release();
    await items.return?.();
    throw new ShuttingDownError(last);
  };
  return {
    async next() {
      if (finished) return { value: undefined, done: true };
      if (signal.aborted) return shutDown();
      const pulled = items.next();
      const first = await Promise.race([pulled, aborted]);
      if (first === 'aborted') {
        pulled.catch(() => undefined);
        return shutDown();
      }
      if (first.done) release();
      else last = positionOf(first.value);
      return first;
    },
    async return(value?: unknown) {
      release();
      return (await items.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      release();
      return (await items.throw?.(error)) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
