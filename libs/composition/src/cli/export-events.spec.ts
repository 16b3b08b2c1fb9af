import { InMemoryEventStore, type NewEvent } from '@claimtrail/event-store';
import { followEvents } from './export-events.js';

const event = (n: number, type = 'ClaimAssigned'): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  data: { n },
  metadata: { actor: 'biller', occurredAt: '2026-03-10T15:00:00.000Z' },
});

describe('export --follow', () => {
  it('writes what was stored, then each event as it commits, until stopped, one line each in log order', async () => {
    const store = new InMemoryEventStore();
    await store.append('claim-A', [event(1), event(2, 'FollowUpLogged')], { expectedVersion: 'no_stream' });
    const [first] = await store.readAll({ limit: 1 });
    const lines: string[] = [];
    const controller = new AbortController();
    const following = followEvents(
      store,
      { after: first!.position, types: ['ClaimAssigned', 'FollowUpLogged'], pageSize: 2 },
      async (line) => {
        lines.push(line);
        if (lines.length === 3) controller.abort();
      },
      controller.signal,
    );
    await store.append('claim-B', [event(3), event(4, 'ClaimVoided'), event(5)], {
      expectedVersion: 'no_stream',
    });
    const count = await following;
    await store.append('claim-C', [event(6)], { expectedVersion: 'no_stream' });
    const written = lines.map((line) => JSON.parse(line) as { data: { n: number }; position: string });
    expect(written.map((e) => e.data.n)).toEqual([2, 3, 5]);
    expect(count).toBe(3);
  });
});
