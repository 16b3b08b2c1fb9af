import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestApi, type TestApi } from '../support/api-harness.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema.gql', import.meta.url));

// The committed schema is the API's contract: clients generate types from it, and a change shows in review.
describe('the GraphQL schema', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api?.close());

  it('is the committed schema.gql (after a deliberate change: UPDATE_SCHEMA=1 npm run test:e2e -- schema)', () => {
    const printed = `${printSchema(api.app.get(GraphQLSchemaHost).schema)}\n`;
    if (process.env.UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, printed);
    expect(printed).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
