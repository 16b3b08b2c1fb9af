import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type NewEvent } from '@claimtrail/event-store';
import type { ChangePayerRules } from './domain/payer.commands.js';
import { decidePayer } from './domain/payer.decide.js';
import { PAYER_EVENT_VERSIONS, payerStreamName, type PayerRulesChanged } from './domain/payer.events.js';
import { evolvePayer, initialPayerState } from './domain/payer.evolve.js';
import type { PayerEntity } from './payer.entity.js';
import { PayerRulesRepository } from './payer-rules.repository.js';
import { payerEventsOf, toPayerEvent } from './payer.stream.js';

export type PayerUpsert = Omit<ChangePayerRules, 'type'>;

export interface PayerChangeContext {
  actor: string;
  occurredAt: Date;
  correlationId?: string;
}

/**
 * Load the payer's stream, decide, append at the version read (a concurrent change fails with the event store's
 * WrongExpectedVersionError, answered as CONFLICT), then bring the payers table up to the appended change.
 *
 * The table is written after the append, not in its transaction: the event store may be EventStoreDB, and on
 * PostgreSQL an append joins a caller's transaction only as its first write, through an adapter this library would
 * have to construct itself. Safe because decisions read the stream, never the table (except a payer that has no
 * stream yet), and applying a change is idempotent and never goes back a version. Were the process to stop between
 * the two writes, the row would show the version before until the payer's next upsert, even one that changes
 * nothing, re-applies the stream's last change; claims filed meanwhile record that older version, truthfully.
 */
@Injectable()
export class ChangePayerRulesHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly payers: PayerRulesRepository,
  ) {}

  async execute(change: PayerUpsert, context: PayerChangeContext): Promise<PayerEntity> {
    const stream = payerStreamName(change.payerId);
    const history = payerEventsOf(await this.store.readStream(stream));
    const state =
      history.length > 0
        ? history.map(toPayerEvent).reduce(evolvePayer, initialPayerState)
        : await this.payers.stateWithoutHistory(change.payerId);
    const [event] = decidePayer({ type: 'ChangePayerRules', ...change }, state);
    const last = history.at(-1);
    if (event) {
      const metadata = {
        actor: context.actor,
        occurredAt: context.occurredAt.toISOString(),
        ...(context.correlationId !== undefined && { correlationId: context.correlationId }),
      };
      const toAppend: NewEvent<PayerRulesChanged['data']> = {
        id: randomUUID(),
        type: event.type,
        schemaVersion: PAYER_EVENT_VERSIONS[event.type],
        data: event.data,
        metadata,
      };
      await this.store.append(stream, [toAppend], {
        expectedVersion: last ? last.version : 'no_stream',
      });
      await this.payers.apply(event.data, metadata);
    } else if (last) {
      await this.payers.apply(last.data, last.metadata);
    }
    return (await this.payers.find(change.payerId))!;
  }
}
