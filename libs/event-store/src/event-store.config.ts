export type EventStoreSettings =
  | { kind: 'postgres' }
  | {
      kind: 'eventstoredb';
      /** esdb:// or esdb+discover:// connection string; may hold credentials, so never logged. */
      connectionString: string;
    };

export interface EventStoreConfigProblem {
  key: string;
  message: string;
}

/** EVENT_STORE (postgres | eventstoredb) and EVENTSTORE_CONNECTION_STRING, checked once at boot. */
export function readEventStoreConfig(env: NodeJS.ProcessEnv): {
  settings: EventStoreSettings;
  problems: EventStoreConfigProblem[];
} {
  const problems: EventStoreConfigProblem[] = [];
  const kind = env.EVENT_STORE?.trim() || 'postgres';
  const connectionString = env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;
  if (kind !== 'postgres' && kind !== 'eventstoredb')
    problems.push({ key: 'EVENT_STORE', message: 'must be postgres or eventstoredb' });
  if (kind === 'eventstoredb') {
    if (!connectionString)
      problems.push({
        key: 'EVENTSTORE_CONNECTION_STRING',
        message: 'is required when EVENT_STORE=eventstoredb',
      });
    else if (!/^esdb(\+discover)?:\/\/./.test(connectionString))
      problems.push({ key: 'EVENTSTORE_CONNECTION_STRING', message: 'must be an esdb:// connection string' });
  }
  const settings: EventStoreSettings =
    kind === 'eventstoredb' && connectionString ? { kind, connectionString } : { kind: 'postgres' };
  return { settings, problems };
}
