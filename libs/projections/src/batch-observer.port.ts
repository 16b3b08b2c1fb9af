import type { RecordedEvent } from '@claimtrail/event-store';
import type { Failure } from '@claimtrail/platform';

/** A batch's steps: applying its events to the read model, and saving the checkpoint through the commit. */
export type BatchStep = 'apply' | 'checkpoint';

/** Told that a step ended: with the error it failed on, or nothing. */
export type BatchStepEnd = (failure: Failure) => void;

/**
 * Runs each batch a projection applies, from reading its checkpoint to the commit (a second pass that isolates a
 * failing stream included), and sees its steps: traces wrap the batch in a span that the steps' spans nest under.
 * Implemented outside this library.
 */
export interface BatchObserver {
  batch<T>(projection: string, events: readonly RecordedEvent[], run: () => Promise<T>): Promise<T>;
  /** A step starts; the checkpoint's ends once the transaction has committed, so it cannot be a wrapped call. */
  step(step: BatchStep): BatchStepEnd;
}

export const PROJECTION_BATCH_OBSERVER = Symbol('PROJECTION_BATCH_OBSERVER');

export const ignoreBatches: BatchObserver = {
  batch: (_projection, _events, run) => run(),
  step: () => () => {},
};
