import { readEventStoreConfig } from './event-store.config.js';

describe('readEventStoreConfig', () => {
  it('defaults to PostgreSQL', () => {
    expect(readEventStoreConfig({})).toEqual({ settings: { kind: 'postgres' }, problems: [] });
  });

  it('selects EventStoreDB with its connection string', () => {
    const env = {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    };
    expect(readEventStoreConfig(env)).toEqual({
      settings: { kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' },
      problems: [],
    });
  });

  it('lists every bad key', () => {
    expect(readEventStoreConfig({ EVENT_STORE: 'mongo' }).problems.map((p) => p.key)).toEqual([
      'EVENT_STORE',
    ]);
    expect(readEventStoreConfig({ EVENT_STORE: 'eventstoredb' }).problems.map((p) => p.key)).toEqual([
      'EVENTSTORE_CONNECTION_STRING',
    ]);
    expect(
      readEventStoreConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' })
        .problems,
    ).toHaveLength(1);
  });
});
