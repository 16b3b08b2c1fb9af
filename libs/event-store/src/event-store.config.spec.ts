import { ConfigError, loadConfig } from '@claimtrail/platform';
import { eventStoreConfig } from './event-store.config.js';

const load = (env: Record<string, string>) => loadConfig(env, { eventStore: eventStoreConfig }).eventStore;

function problemKeys(env: Record<string, string>): string[] {
  try {
    load(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.key);
  }
}

describe('eventStoreConfig', () => {
  it('defaults to PostgreSQL', () => {
    expect(load({})).toEqual({ kind: 'postgres' });
  });

  it('selects EventStoreDB with its connection string', () => {
    expect(
      load({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }),
    ).toEqual({ kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' });
  });

  it('lists every bad key', () => {
    expect(problemKeys({ EVENT_STORE: 'mongo' })).toEqual(['EVENT_STORE']);
    expect(problemKeys({ EVENT_STORE: 'eventstoredb' })).toEqual(['EVENTSTORE_CONNECTION_STRING']);
    expect(problemKeys({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' })).toEqual([
      'EVENTSTORE_CONNECTION_STRING',
    ]);
  });
});
