import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import { loadApiConfig } from '../../apps/api/src/api.config.js';
import { createApp } from '../../apps/api/src/create-app.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApi {
  url: string;
  /** The running app, for tests that must look behind the API (e.g. count what was stored). */
  app: INestApplication;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real API on a random port over HTTP: on embeddedDataDir when given, else a fresh PostgreSQL database with
 * DATABASE_URL, else in-memory PGlite.
 */
export async function startTestApi(env: NodeJS.ProcessEnv = {}, embeddedDataDir?: string): Promise<TestApi> {
  let database: ResolvedDatabase | undefined;
  if (!embeddedDataDir && process.env.DATABASE_URL) database = await createTestDatabase();
  const config = loadApiConfig({ PORT: '0', ...env });
  config.database = database ? { url: database.url } : { embeddedDataDir: embeddedDataDir ?? 'memory' };
  let app: INestApplication | undefined;
  try {
    app = await createApp(config, false);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close();
    await database?.close();
    throw error;
  }
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return {
    url,
    app,
    post,
    async gql(query, variables, headers) {
      const response = await post(JSON.stringify({ query, variables }), headers);
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await app!.close();
      await database?.close();
    },
  };
}
