import { CommitNotifier } from './commit-notifier.js';
import type { Queryable } from './queryable.js';

function recordingDatabase() {
  const sent: unknown[] = [];
  const db = {
    query: (config: unknown) => {
      sent.push(config);
      return Promise.resolve({ rows: [] });
    },
  } as unknown as Queryable;
  return { db, sent };
}

describe('commit notifier', () => {
  it('announces commits made while one announcement is in flight with one more, not one each', async () => {
    const { db, sent } = recordingDatabase();
    const notifier = new CommitNotifier(db, 'channel', { sender: 'me' });
    for (let i = 0; i < 4; i++) notifier.poke();
    await notifier.drain();
    expect(sent).toEqual([
      { text: 'SELECT pg_notify($1, $2)', values: ['channel', 'me'] },
      { text: 'SELECT pg_notify($1, $2)', values: ['channel', 'me'] },
    ]);
  });

  it('gathers the commits of a few milliseconds into one announcement when asked to', async () => {
    const { db, sent } = recordingDatabase();
    const notifier = new CommitNotifier(db, 'channel', { gatherMs: 20 });
    notifier.poke();
    await new Promise((resolve) => setTimeout(resolve, 5));
    notifier.poke();
    notifier.poke();
    await notifier.drain();
    expect(sent).toEqual([{ text: 'SELECT pg_notify($1, $2)', values: ['channel', ''] }]);
  });
});
