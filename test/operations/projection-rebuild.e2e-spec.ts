import type { ApiProcess } from '../support/api-process.js';
import { submitClaimInput } from '../support/claim-inputs.js';
import { databaseKinds, onDatabaseKind } from '../support/database-kinds.js';
import { dumpReadModels, projections, startRebuilds, until } from '../support/read-models.js';
import { gql, mutation, randomCommand } from '../support/random-commands.js';

const CLAIMS_PAGE = `{ claims(first: 100) { edges { node { id status version
  balances { chargeCents paidCents insuranceBalanceCents patientBalanceCents } } } } }`;

async function stop(api: ApiProcess): Promise<void> {
  api.child.kill('SIGTERM');
  await api.exited;
}

describe.each(databaseKinds())('read models on %s: killed mid-batch, restarted, rebuilt', (_kind, open) => {
  const suite = onDatabaseKind(open);

  it('ends identical to an uninterrupted replay, and a rebuild swaps in identical tables while queries keep answering', async () => {
    // A log written with no projector running: the restarts below all have a backlog to work through.
    const { kind } = suite;
    let api = await suite.startApi({ PROJECTOR_IN_PROCESS: 'false' });
    const pool: string[] = [];
    for (let i = 0; i < 30; i++) {
      const input = submitClaimInput({ commandId: `submit-${i}` });
      expect((await gql(api.url, mutation('submitClaim'), { input })).errors).toBeUndefined();
      pool.push(input.claimId);
    }
    const current = api;
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        for (let i = 0; i < 60; i++) {
          const command = randomCommand(pool, `load-${c}-${i}`);
          const result = await gql(current.url, mutation(command.name), { input: command.input });
          if (!result.errors && command.name === 'submitClaim') pool.push(command.input.claimId);
        }
      }),
    );
    await stop(api);

    // Killed three times in the middle of the backlog, batches of two events at a time.
    for (let kill = 1; kill <= 3; kill++) {
      api = await suite.startApi({ PROJECTION_BATCH_SIZE: '2' });
      const running = api;
      await until(async () => (await projections(running.url)).some((p) => p.eventsApplied >= kill * 40));
      api.child.kill('SIGKILL');
      await api.exited;
    }
    api = await suite.startApi();
    const resumed = api;
    await until(async () => (await projections(resumed.url)).every((p) => p.caughtUp));
    const claimsPage = await gql(api.url, CLAIMS_PAGE);
    expect(claimsPage.errors).toBeUndefined();
    await stop(api);
    let database = await kind.open();
    const afterCrashes = await dumpReadModels(database);
    await database.close();
    expect(afterCrashes.claim_summaries!.length).toBeGreaterThanOrEqual(30);

    // Rebuild every projection from the API: the old tables answer until each switch.
    api = await suite.startApi();
    const rebuilding = api;
    await startRebuilds(api.url);
    let answered = 0;
    await until(async () => {
      expect(await gql(rebuilding.url, CLAIMS_PAGE)).toEqual(claimsPage);
      answered++;
      return (await projections(rebuilding.url)).every((p) => p.rebuild === null && p.caughtUp);
    });
    expect(answered).toBeGreaterThan(0);
    const again = await gql(api.url, `mutation { rebuildProjection(name: "nope") { name } }`);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    await stop(api);
    database = await kind.open();
    const rebuilt = await dumpReadModels(database);
    await database.close();
    expect(rebuilt).toEqual(afterCrashes);
  }, 300_000);
});
