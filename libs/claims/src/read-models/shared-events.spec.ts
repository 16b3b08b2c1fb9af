import { InMemoryEventStore, type RecordedEvent } from '@claimtrail/event-store';
import { ClaimCommandExecutor, type CommandBody } from '../application/claim-command.executor.js';
import { claimStreamName } from '../domain/index.js';
import { AT, commandStory, deepFreeze } from '../testing/index.js';
import { analyticsRows } from './ar-analytics/ar-analytics.rows.js';
import { advanceLedger, type ClaimLedger } from './ar-analytics/claim-ledger.js';
import { projectClaimSummary } from './claim-summary/claim-summary.projection.js';
import { projectWorklistItem } from './worklist/worklist.projection.js';

// The projection runners share one read of the log (PostgresEventStore's live read): each must leave the events as
// it found them, or the next runner would project what another changed.
describe('the claim read models, given the same events', () => {
  it('leave them unchanged, every one of the story', async () => {
    const store = new InMemoryEventStore(() => new Date(AT.writtenOff));
    const executor = new ClaimCommandExecutor(store, { now: () => new Date(AT.writtenOff) });
    for (const [body, occurredAt] of commandStory())
      await executor.execute('CLM-1001', body as CommandBody, { actor: 'biller', occurredAt });
    const events = deepFreeze(
      JSON.parse(JSON.stringify(await store.readStream(claimStreamName('CLM-1001')))) as RecordedEvent[],
    );
    const before = JSON.stringify(events);
    const row = events.reduce(projectClaimSummary, undefined);
    const item = events.reduce(projectWorklistItem, undefined);
    const ledger = events.reduce<ClaimLedger | undefined>(advanceLedger, undefined)!;
    expect(row?.status).toBe('CLOSED');
    expect(item?.status).toBe('CLOSED');
    expect(analyticsRows(ledger)).toBeDefined();
    expect(JSON.stringify(events)).toBe(before);
  });
});
