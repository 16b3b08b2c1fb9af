import { createMetricsRegistry, GraphQLMetrics } from '@claimtrail/platform';
import type { Registry } from 'prom-client';
import { CommandMetrics } from './command.metrics.js';
import { EventAppendMetrics } from './event-append.metrics.js';
import { ImportMetrics } from './import.metrics.js';

/** One API's registry and the observers handed to its libraries; ProjectionMetrics reads the rest on each scrape. */
export interface ApiMetrics {
  registry: Registry;
  graphql: GraphQLMetrics;
  commands: CommandMetrics;
  appends: EventAppendMetrics;
  imports: ImportMetrics;
}

// Plain objects, not providers: the event store module needs its observer before the modules that a Nest-built
// metrics module would import (the projector's monitor reads the event store) exist.
export function createApiMetrics(): ApiMetrics {
  const registry = createMetricsRegistry();
  return {
    registry,
    graphql: new GraphQLMetrics(registry),
    commands: new CommandMetrics(registry),
    appends: new EventAppendMetrics(registry),
    imports: new ImportMetrics(registry),
  };
}
