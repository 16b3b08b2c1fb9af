import type { EventStore, Position } from '@claimtrail/event-store';

export interface ExportOptions {
  after?: Position;
  types?: readonly string[];
  pageSize?: number;
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
    for (const event of batch) writeLine(JSON.stringify(event));
    count += batch.length;
    after = batch[batch.length - 1]!.position;
    progress(count, after);
  }
}
