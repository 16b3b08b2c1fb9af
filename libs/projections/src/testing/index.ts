import type { RecordedEvent } from '@claimtrail/event-store';
import type { ObjectLiteral } from 'typeorm';
import type { RowProjection } from '../projection.js';

/** Recorded events for projection specs: stream and positions in order, times fixed, ids from the index. */
export function recordedEvents(
  streamName: string,
  events: readonly { type: string; data: unknown; schemaVersion?: number; occurredAt?: string }[],
): RecordedEvent[] {
  return events.map((event, version) => ({
    id: `00000000-0000-4000-8000-${String(version + 1).padStart(12, '0')}`,
    streamName,
    version,
    position: `${'1'.padStart(20, '0')}/${String(version + 1).padStart(20, '0')}`,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: event.data,
    metadata: { actor: 'tester', occurredAt: event.occurredAt ?? '2026-03-10T15:00:00.000Z' },
    recordedAt: event.occurredAt ?? '2026-03-10T15:00:01.000Z',
  }));
}

/**
 * Given these events, then these rows: folds events through a row projection the way the runtime does (row by
 * stream key, undefined removes it), without a database, and returns the rows that remain by key.
 */
export function givenEvents(...events: RecordedEvent[]) {
  return {
    rowsOf<Row extends ObjectLiteral>(projection: RowProjection<Row>): Record<string, Row> {
      const rows = new Map<string, Row | undefined>();
      for (const event of events) {
        const key = projection.keyOf(event.streamName);
        if (key !== undefined) rows.set(key, projection.apply(rows.get(key), event));
      }
      return Object.fromEntries([...rows].filter((entry): entry is [string, Row] => entry[1] !== undefined));
    },
  };
}
