import type { RecordedEvent } from '@claimtrail/event-store';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A read model fed by the log (Emmett's projection shape): batches of events applied through the batch's own
 * transaction, so the rows and the checkpoint commit together.
 *
 * Applying events one stream at a time must give the same rows as applying them in one batch: the runner isolates a
 * failing stream that way and quarantines it, so one bad event never stops everyone else's.
 */
export interface Projection {
  readonly name: string;
  /** Applies events in log order; may write any rows through the transaction's entity manager. */
  apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
  /** Removes what the projection derived from one stream, so that the stream can be applied again from its start. */
  forgetStream(streamName: string, manager: EntityManager): Promise<void>;
}

/** A read model kept as one row per stream: a pure fold of events into rows, and the entity that stores them. */
export interface RowProjection<Row extends ObjectLiteral = ObjectLiteral> {
  readonly name: string;
  readonly entity: EntityTarget<Row>;
  /** The key of the stream's row, or undefined when the stream does not concern this read model. */
  keyOf(streamName: string): string | undefined;
  /** Pure: the row after the event; undefined removes it. */
  apply(row: Row | undefined, event: RecordedEvent): Row | undefined;
}
