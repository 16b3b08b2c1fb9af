import { commandOutcomeOf, type CommandObserver, type ObservedCommand } from '@claimtrail/claims';
import {
  ATTR_CORRELATION_ID,
  claimtrailTracer,
  markFailed,
  whenSettled,
  type Failure,
} from '@claimtrail/platform';
import type { Attributes } from '@opentelemetry/api';

/** success; refused (a rule said no, with its code); conflict (other writers won every retry); or error. */
function outcomeOf(failure: Failure): Attributes {
  if (!failure) return { 'claimtrail.command.outcome': 'success' };
  const code = commandOutcomeOf(failure.error);
  if (code === 'error') return { 'claimtrail.command.outcome': 'error' };
  return {
    'claimtrail.command.outcome': code === 'VERSION_CONFLICT' ? 'conflict' : 'refused',
    'claimtrail.error_code': code,
  };
}

/**
 * A span for each claim command, active while it runs so that its append nests under it: the command's type, outcome
 * and correlation id; never the claim, the actor or anything the command says.
 */
export class CommandTracing implements CommandObserver {
  observe<T>(command: ObservedCommand, run: () => Promise<T>): Promise<T> {
    const attributes = {
      'claimtrail.command.type': command.type,
      [ATTR_CORRELATION_ID]: command.correlationId,
    };
    return claimtrailTracer().startActiveSpan(`command ${command.type}`, { attributes }, (span) =>
      whenSettled(run, (failure) => {
        span.setAttributes(outcomeOf(failure));
        if (failure && commandOutcomeOf(failure.error) === 'error') markFailed(span, failure.error);
        span.end();
      }),
    );
  }
}
