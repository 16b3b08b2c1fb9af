import type { EventStore, Position, RecordedEvent } from '@claimtrail/event-store';

export interface ExportOptions {
  after?: Position;
  types?: readonly string[];
  pageSize?: number;
  /** Called with each batch before any of its lines is written (the PHI access log records it there). */
  beforeBatch?: (batch: readonly RecordedEvent[]) => Promise<void>;
}

/**
 * Writes every event after a position as one JSON line each, in log order, and returns how many. Pages are read
 * one after another from the last position written, so an export stopped at any point resumes with --after.
 */
export async function exportEvents(
  store: EventStore,
  options: ExportOptions,
  writeLine: (line: string) => void,
  progress: (count: number, after: Position | undefined) => void = () => {},
): Promise<number> {
  let after = options.after;
  let count = 0;
  for (;;) {
    const batch = await store.readAll({ after, limit: options.pageSize ?? 1000, types: options.types });
    if (batch.length === 0) return count;
    await options.beforeBatch?.(batch);
    for (const event of batch) writeLine(JSON.stringify(event));
    count += batch.length;
    after = batch[batch.length - 1]!.position;
    progress(count, after);
  }
}

/**
 * Like exportEvents, then on live: every event as it commits, one line at a time, until the signal aborts. A line is
 * handed to writeLine (which may wait for a slow reader) before the next batch is read.
 */
export async function followEvents(
  store: EventStore,
  options: ExportOptions,
  writeLine: (line: string) => void | Promise<void>,
  signal: AbortSignal,
  progress: (count: number, after: Position | undefined) => void = () => {},
): Promise<number> {
  let count = 0;
  const batches = store.subscribe({
    after: options.after,
    types: options.types,
    batchSize: options.pageSize ?? 1000,
    signal,
  });
  for await (const batch of batches) {
    await options.beforeBatch?.(batch);
    for (const event of batch) await writeLine(JSON.stringify(event));
    count += batch.length;
    progress(count, batch[batch.length - 1]!.position);
    if (signal.aborted) break;
  }
  return count;
}
