import type { RecordedEvent } from '@claimtrail/event-store';
import { ATTR_CORRELATION_ID, claimtrailTracer, markFailed, whenSettled } from '@claimtrail/platform';
import {
  CheckpointMoved,
  type BatchObserver,
  type BatchStep,
  type BatchStepEnd,
} from '@claimtrail/projections';
import type { Link } from '@opentelemetry/api';
import { spanContextOf } from './trace-context.js';

/** Links a batch span carries at most: a batch of 500 events from 500 commands would make a span of 500 links. */
export const MAX_BATCH_LINKS = 32;

/** Links to the appends that wrote the batch's events, each once, with the command's correlation id. */
export function batchLinks(events: readonly RecordedEvent[]): Link[] {
  const links = new Map<string, Link>();
  for (const { metadata } of events) {
    if (links.size >= MAX_BATCH_LINKS) break;
    const { traceparent, correlationId } = metadata;
    if (typeof traceparent !== 'string' || links.has(traceparent)) continue;
    const context = spanContextOf(traceparent);
    if (!context) continue;
    links.set(traceparent, {
      context,
      attributes: correlationId !== undefined ? { [ATTR_CORRELATION_ID]: correlationId } : {},
    });
  }
  return [...links.values()];
}

/**
 * A root span for each batch a projection applies, linked to the commands that wrote its events, with a span for
 * applying them and one for saving the checkpoint through the commit. Positions and counts only: no claim, no row.
 */
export class BatchTracing implements BatchObserver {
  batch<T>(projection: string, events: readonly RecordedEvent[], run: () => Promise<T>): Promise<T> {
    return claimtrailTracer().startActiveSpan(
      `projection batch ${projection}`,
      {
        root: true,
        links: batchLinks(events),
        attributes: {
          'claimtrail.projection': projection,
          'claimtrail.event_count': events.length,
          'claimtrail.position.from': events[0]?.position,
          'claimtrail.position.to': events[events.length - 1]?.position,
        },
      },
      (span) =>
        whenSettled(run, (failure) => {
          // Another runner committed the same batch first: nothing went wrong, this one just stands down.
          const moved = failure?.error instanceof CheckpointMoved;
          span.setAttribute(
            'claimtrail.projection.outcome',
            !failure ? 'committed' : moved ? 'moved' : 'error',
          );
          if (failure && !moved) markFailed(span, failure.error);
          span.end();
        }),
    );
  }

  step(step: BatchStep): BatchStepEnd {
    const span = claimtrailTracer().startSpan(`projection ${step}`);
    return (failure) => {
      if (failure) markFailed(span, failure.error);
      span.end();
    };
  }
}
