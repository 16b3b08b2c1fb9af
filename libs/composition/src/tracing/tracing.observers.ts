import { AppendTracing } from './event-append.tracing.js';
import { CommandTracing } from './command.tracing.js';
import { BatchTracing } from './projection.tracing.js';

/** The observers handed to the libraries when traces are on; they write to whatever tracing SDK is registered. */
export interface TracingObservers {
  commands: CommandTracing;
  appends: AppendTracing;
  batches: BatchTracing;
}

export function createTracingObservers(): TracingObservers {
  return { commands: new CommandTracing(), appends: new AppendTracing(), batches: new BatchTracing() };
}
