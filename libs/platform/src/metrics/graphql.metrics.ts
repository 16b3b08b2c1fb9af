import type { ApolloServerPlugin } from '@apollo/server';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { operationLabels, operationOutcome } from '../graphql/operation-labels.js';

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
