import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import { loadClaimTrailConfig, startApi, type ApiOptions } from '@claimtrail/composition';
import { Authenticator, ROLES, type Role } from '@claimtrail/platform';
import { TEST_AUTH_ENV } from './test-tokens.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApi {
  url: string;
  /** The running application, for tests that reach behind the API (to write a poison event, say). */
  app: INestApplication;
  /** The fresh PostgreSQL database of this API, when it runs on one. */
  databaseUrl?: string;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  /**
   * The Authorization header of a token this API accepts, minted on its clock: `actor` with `roles` (every role
   * unless named). gql and post send one for actor 'test' with every role unless the headers carry their own.
   */
  as(actor: string, ...roles: Role[]): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

/**
 * The real API, started as `npm start` starts it, on a random loopback port over HTTP: on embeddedDataDir when
 * given, else a fresh PostgreSQL database with DATABASE_URL, else in-memory PGlite. Logs nothing unless env sets
 * LOG_LEVEL; options.logDestination receives the lines.
 */
export async function startTestApi(
  env: NodeJS.ProcessEnv = {},
  embeddedDataDir?: string,
  options: ApiOptions = {},
): Promise<TestApi> {
  let database: ResolvedDatabase | undefined;
  if (!embeddedDataDir && process.env.DATABASE_URL) database = await createTestDatabase();
  const config = loadClaimTrailConfig({ PORT: '0', LOG_LEVEL: 'silent', ...TEST_AUTH_ENV, ...env });
  config.database = database ? { url: database.url } : { embeddedDataDir: embeddedDataDir ?? 'memory' };
  let app: INestApplication;
  try {
    app = await startApi(config, options);
  } catch (error) {
    await database?.close();
    throw error;
  }
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const authenticator = app.get(Authenticator);
  const as = async (actor: string, ...roles: Role[]) => ({
    authorization: `Bearer ${await authenticator.mint({ actor, roles: roles.length ? roles : ROLES, ttlSeconds: 86_400 })}`,
  });
  // An API that trusts an identity provider mints nothing: its tests bring the provider's tokens.
  const everyRole = config.auth.jwksUrl ? {} : await as('test');
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...everyRole, ...headers },
      body,
    });
  return {
    url,
    app,
    databaseUrl: database?.url,
    post,
    as,
    async gql(query, variables, headers) {
      const response = await post(JSON.stringify({ query, variables }), headers);
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await app.close();
      await database?.close();
    },
  };
}
