import { SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { errorSummary } from '../logging/loggable-error.js';

/** The correlation id a command's events carry (x-correlation-id, else the command id), on each of its spans. */
export const ATTR_CORRELATION_ID = 'claimtrail.correlation_id';

/**
 * ClaimTrail's spans, all made by hand at its seams: no-ops until a tracing SDK is registered. Looked up on each use,
 * not kept: a kept tracer stays bound to the first provider it saw, after that provider has shut down too.
 */
export function claimtrailTracer(): Tracer {
  return trace.getTracer('claimtrail');
}

/** A span that failed unexpectedly: the error's class and code, never its message (it may quote SQL or patients). */
export function markFailed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', errorSummary(error));
}
