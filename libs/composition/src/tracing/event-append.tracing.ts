import {
  appendOutcomeOf,
  type AppendObserver,
  type AppendRun,
  type ObservedAppend,
} from '@claimtrail/event-store';
import { ATTR_CORRELATION_ID, claimtrailTracer, markFailed, whenSettled } from '@claimtrail/platform';
import { traceparentOf } from './trace-context.js';

/** The stream's kind (claim, payer, remittance), never its id: a claim id may be a patient's account number. */
export function streamCategory(streamName: string): string {
  return /^([a-z][a-z0-9_]{0,30})-/.exec(streamName)?.[1] ?? 'other';
}

/**
 * A span for each append, under the command's, and the span's traceparent in each event's metadata, so that the
 * projections' spans can link back to the command that wrote what they apply.
 */
export class AppendTracing implements AppendObserver {
  observe(append: ObservedAppend, run: AppendRun) {
    const correlationId = append.events[0]?.metadata.correlationId;
    const span = claimtrailTracer().startSpan('eventstore append', {
      attributes: {
        'claimtrail.stream.category': streamCategory(append.streamName),
        'claimtrail.event_count': append.events.length,
        'claimtrail.append.expected_version': String(append.options.expectedVersion),
        ...(correlationId !== undefined && { [ATTR_CORRELATION_ID]: correlationId }),
      },
    });
    // Only a sampled span is worth linking to; the others would add bytes to every event for nothing.
    const traceparent = span.isRecording() ? traceparentOf(span) : undefined;
    const events = traceparent
      ? append.events.map((event) => ({ ...event, metadata: { ...event.metadata, traceparent } }))
      : append.events;
    return whenSettled(
      () => run(events),
      (failure) => {
        const outcome = failure ? appendOutcomeOf(failure.error) : 'appended';
        span.setAttribute('claimtrail.append.outcome', outcome);
        if (failure && outcome === 'error') markFailed(span, failure.error);
        span.end();
      },
    );
  }
}
