import type { ApolloServerPlugin } from '@apollo/server';
import {
  context,
  createContextKey,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { operationLabels, operationOutcome } from '../graphql/operation-labels.js';
import { correlationIdOf } from '../identity/request-identity.js';
import { ATTR_CORRELATION_ID, claimtrailTracer } from './tracer.js';

const GRAPHQL_SPAN = createContextKey('claimtrail.graphql_span');

/** Outcomes that are not a client's mistake nor a rule's refusal. */
const UNEXPECTED = new Set(['INTERNAL_SERVER_ERROR', 'UNKNOWN']);

function correlationAttribute(req: Request): Record<string, string> {
  try {
    const correlationId = correlationIdOf(req.headers);
    return correlationId ? { [ATTR_CORRELATION_ID]: correlationId } : {};
  } catch {
    // The resolver refuses the request for it; the span just goes without.
    return {};
  }
}

/**
 * The server span of a GraphQL request over HTTP, active while Apollo runs it, so that the command spans nest under
 * it. Express middleware, after the body parser: an Apollo plugin can name a span but cannot make it the active one.
 * A caller's W3C traceparent header makes it a child of the caller's span.
 */
export function graphqlSpans(req: Request, res: Response, next: NextFunction): void {
  const parent = propagation.extract(context.active(), req.headers);
  const span = claimtrailTracer().startSpan(
    'graphql',
    { kind: SpanKind.SERVER, attributes: correlationAttribute(req) },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    span.end();
  });
  context.with(trace.setSpan(parent, span).setValue(GRAPHQL_SPAN, span), next);
}

/**
 * Names the request's span once the operation is known: `graphql <root field>` with the operation type and the
 * outcome (ok or the first error's code), as the metrics label them; never the client's operation name, the query
 * text or its variables.
 */
export const graphqlTracingPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    const span = context.active().getValue(GRAPHQL_SPAN) as Span | undefined;
    if (!span) return;
    return {
      async willSendResponse({ operation, response }) {
        const { operation: name, kind } = operationLabels(operation ?? undefined);
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        const outcome = operationOutcome(errors.map((e) => e.extensions?.code));
        span.updateName(`graphql ${name}`);
        span.setAttributes({
          'graphql.operation.type': kind,
          'claimtrail.graphql.operation': name,
          'claimtrail.outcome': outcome,
        });
        if (UNEXPECTED.has(outcome)) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          span.setAttribute('error.type', outcome);
        }
      },
    };
  },
};
