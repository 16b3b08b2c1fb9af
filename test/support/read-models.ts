import type { ResolvedDatabase } from '@claimtrail/database';
import pg from 'pg';
import { gql } from './random-commands.js';

export const READ_MODEL_TABLES = [
  'claim_summaries',
  'worklist_items',
  'ar_claim_facts',
  'ar_claim_ledgers',
  'ar_balance_periods',
  'ar_denials',
  'ar_pends',
  'ar_money',
  'remittances',
];

/** Every read-model row, in a stable order, as JSON: what "identical read models" means in the tests. */
export async function dumpReadModels(
  database: Pick<ResolvedDatabase, 'url'>,
): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const dump: Record<string, string[]> = {};
    for (const table of READ_MODEL_TABLES) {
      const { rows } = await client.query(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
      dump[table] = rows.map((r: { row: string }) => r.row).sort();
    }
    return dump;
  } finally {
    await client.end();
  }
}

export interface ProjectionState {
  name: string;
  position: string | null;
  caughtUp: boolean;
  eventsApplied: number;
  rebuild: unknown;
}

/** The `projections` query of the API at url (an admin token). */
export async function projections(url: string): Promise<ProjectionState[]> {
  const { data, errors } = await gql(
    url,
    `{ projections { name position caughtUp eventsApplied rebuild { eventsApplied } } }`,
  );
  if (errors) throw new Error(`projections failed: ${JSON.stringify(errors)}`);
  return data.projections as ProjectionState[];
}

/** Polls condition until it holds; fails after timeoutMs. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a rebuild of every projection through the API's rebuildProjection mutation (an admin token). */
export async function startRebuilds(url: string): Promise<void> {
  for (const { name } of await projections(url)) {
    const { errors } = await gql(
      url,
      `mutation R($name: String!) { rebuildProjection(name: $name) { name } }`,
      {
        name,
      },
    );
    if (errors) throw new Error(`rebuildProjection(${name}) failed: ${JSON.stringify(errors)}`);
  }
}
