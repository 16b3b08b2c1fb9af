import type { RecordedEvent } from '@claimtrail/event-store';
import type { EntityTarget, ObjectLiteral } from 'typeorm';

/** A read model kept as one row per key: a pure fold of events into rows, and the entity that stores them. */
export interface RowProjection<Row extends ObjectLiteral = ObjectLiteral> {
  readonly name: string;
  readonly entity: EntityTarget<Row>;
  /** The key of the row the event changes, or undefined when it does not concern this read model. */
  keyOf(event: RecordedEvent): string | undefined;
  /** Pure: the row after the event; undefined removes it. */
  apply(row: Row | undefined, event: RecordedEvent): Row | undefined;
}
