import type { RecordedEvent } from '@claimtrail/event-store';
import { In, type EntityManager, type ObjectLiteral } from 'typeorm';
import type { Projection, RowProjection } from './projection.js';

/** The runtime shape of a one-row-per-stream read model: loads the rows a batch touches, folds, writes them back. */
export function rowProjection<Row extends ObjectLiteral>(definition: RowProjection<Row>): Projection {
  const keyProperty = (manager: EntityManager) =>
    manager.connection.getMetadata(definition.entity).primaryColumns[0]!.propertyName;

  return {
    name: definition.name,
    async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
      const keyed = events.flatMap((event) => {
        const key = definition.keyOf(event.streamName);
        return key === undefined ? [] : [{ key, event }];
      });
      if (keyed.length === 0) return;
      const property = keyProperty(manager);
      const keys = [...new Set(keyed.map((k) => k.key))];
      const existing = await manager.findBy(definition.entity, { [property]: In(keys) } as never);
      const rows = new Map<string, Row | undefined>(existing.map((r) => [String(r[property]), r]));
      for (const { key, event } of keyed) rows.set(key, definition.apply(rows.get(key), event));
      const kept = [...rows.values()].filter((r): r is Row => r !== undefined);
      const removed = keys.filter((k) => rows.get(k) === undefined);
      if (kept.length > 0) await manager.upsert(definition.entity, kept as never[], [property]);
      if (removed.length > 0) await manager.delete(definition.entity, { [property]: In(removed) } as never);
    },
    async forgetStream(streamName: string, manager: EntityManager): Promise<void> {
      const key = definition.keyOf(streamName);
      if (key !== undefined)
        await manager.delete(definition.entity, { [keyProperty(manager)]: key } as never);
    },
  };
}
