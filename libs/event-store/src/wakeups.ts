/**
 * Something waiters can sleep on until it happens again: a generation bumped by each occurrence, so that one that
 * happens between a waiter's read and its wait is not lost.
 */
export class Wakeups {
  generation = 0;
  private readonly waiters = new Set<() => void>();

  bump(): void {
    this.generation++;
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves on a bump after seenGeneration, after timeoutMs, or when the signal aborts. */
  wait(seenGeneration: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.generation !== seenGeneration || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
