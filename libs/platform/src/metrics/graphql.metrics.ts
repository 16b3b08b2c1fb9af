import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { Gauge, Histogram, type Registry } from 'prom-client';

export interface OperationLabels {
  operation: string;
  kind: string;
}

/**
 * Labels from the validated operation, never the client's operationName (free text): its root field when it has
 * one, `multiple` when it has several (each combination its own series would let a client mint series at will),
 * `none` when the request never got a valid operation.
 */
export function operationLabels(operation: OperationDefinitionNode | undefined): OperationLabels {
  if (!operation) return { operation: 'none', kind: 'none' };
  const fields = new Set(
    operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])),
  );
  const [only] = fields;
  return {
    operation: fields.size === 1 ? only! : fields.size === 0 ? 'none' : 'multiple',
    kind: operation.operation,
  };
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** ok, or the first error's code as the client got it (the formatter's closed set; anything else UNKNOWN). */
export function operationOutcome(codes: readonly unknown[]): string {
  if (codes.length === 0) return 'ok';
  const [first] = codes;
  return typeof first === 'string' && ERROR_CODE.test(first) ? first : 'UNKNOWN';
}

/** GraphQL over HTTP (an Apollo plugin) and the operations open on graphql-ws. */
export class GraphQLMetrics {
  private readonly duration: Histogram<'operation' | 'kind' | 'outcome'>;
  private readonly subscriptions: Gauge;
  readonly plugin: ApolloServerPlugin;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'claimtrail_graphql_operation_duration_seconds',
      help: 'GraphQL requests over HTTP, from receipt to response, by root field, operation kind and outcome',
      labelNames: ['operation', 'kind', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.subscriptions = new Gauge({
      name: 'claimtrail_subscriptions_open',
      help: 'Operations (subscriptions) open on graphql-ws connections',
      registers: [registry],
    });
    const duration = this.duration;
    this.plugin = {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operation, response }) {
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            duration.observe(
              {
                ...operationLabels(operation ?? undefined),
                outcome: operationOutcome(errors.map((e) => e.extensions?.code)),
              },
              (performance.now() - started) / 1000,
            );
          },
        };
      },
    };
  }

  subscriptionOpened(): void {
    this.subscriptions.inc();
  }

  subscriptionEnded(): void {
    this.subscriptions.dec();
  }
}
