import { defineConfig } from '@claimtrail/platform';
import { IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';

export type EventStoreSettings =
  | { kind: 'postgres' }
  | {
      kind: 'eventstoredb';
      /** esdb:// or esdb+discover:// connection string; may hold credentials, so never logged. */
      connectionString: string;
    };

class EventStoreEnv {
  @IsOptional()
  @IsIn(['postgres', 'eventstoredb'], { message: '$property must be postgres or eventstoredb' })
  EVENT_STORE?: 'postgres' | 'eventstoredb';

  @ValidateIf(
    (env: EventStoreEnv) =>
      env.EVENT_STORE === 'eventstoredb' || env.EVENTSTORE_CONNECTION_STRING !== undefined,
  )
  @Matches(/^esdb(\+discover)?:\/\/./, {
    message: '$property must be an esdb:// connection string (required with EVENT_STORE=eventstoredb)',
  })
  EVENTSTORE_CONNECTION_STRING?: string;
}

/** EVENT_STORE (postgres | eventstoredb) and EVENTSTORE_CONNECTION_STRING. */
export const eventStoreConfig = defineConfig('eventStore', EventStoreEnv, (env): EventStoreSettings =>
  env.EVENT_STORE === 'eventstoredb'
    ? { kind: 'eventstoredb', connectionString: env.EVENTSTORE_CONNECTION_STRING! }
    : { kind: 'postgres' },
);
