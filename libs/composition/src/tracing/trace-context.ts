import { ROOT_CONTEXT, trace, type Span, type SpanContext } from '@opentelemetry/api';
import { parseTraceParent, W3CTraceContextPropagator } from '@opentelemetry/core';

const w3c = new W3CTraceContextPropagator();

/** The span's W3C traceparent, as events store it; the process's own propagator may speak another format. */
export function traceparentOf(span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, {
    set: (target, key, value) => (target[key] = value),
  });
  return carrier.traceparent;
}

/** The span a stored traceparent names; undefined when it is not a valid one. */
export function spanContextOf(traceparent: string): SpanContext | undefined {
  return parseTraceParent(traceparent) ?? undefined;
}
