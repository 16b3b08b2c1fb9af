import { jest } from '@jest/globals';
import { claimStreamName } from '@claimtrail/claims';
import { loadClaimTrailConfig, verifyCommand } from '@claimtrail/composition';
import { PG_POOL } from '@claimtrail/database';
import { ProjectorService } from '@claimtrail/projections';
import { Command } from 'commander';
import type { Pool } from 'pg';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM_MUTATIONS, SUBMIT_CLAIM, claimMutation, submitClaimInput } from '../support/claim-inputs.js';

const VERIFY = `query Verify($id: ID!) {
  verifyClaimIntegrity(id: $id) { intact checkedEvents firstBroken { streamName version position reason } }
}`;

// Tampering straight in the database under a running API (PostgreSQL with DATABASE_URL, else embedded), then asking
// GraphQL about one claim and `claimtrail verify --all` about the whole log.
describe('verifying claim integrity after direct edits of event rows', () => {
  let api: TestApi;
  let pool: Pool;
  const [a, b] = [submitClaimInput(), submitClaimInput()];
  const [streamA, streamB] = [claimStreamName(a.claimId), claimStreamName(b.claimId)];

  beforeAll(async () => {
    api = await startTestApi({ PROJECTOR_IN_PROCESS: 'false' });
    pool = api.app.get<Pool>(PG_POOL, { strict: false });
    for (const input of [a, b]) expect((await api.gql(SUBMIT_CLAIM, { input })).errors).toBeUndefined();
    // Business time now: the builders' story dates the acknowledgement before this claim's submission.
    const { occurredAt: _at, ...acknowledgement } = CLAIM_MUTATIONS.acknowledgeClaim!.input();
    const acknowledge = { ...acknowledgement, claimId: a.claimId };
    expect((await api.gql(claimMutation('acknowledgeClaim'), { input: acknowledge })).errors).toBeUndefined();
    await api.app.get(ProjectorService, { strict: false }).sealer!.catchUp();
  });
  afterAll(async () => api?.close());

  /** `claimtrail verify ...` on this API's application: its JSON line, and whether it exited 1. */
  async function cli(...args: string[]): Promise<{ report: any; failed: boolean }> {
    const program = new Command('claimtrail').exitOverride();
    verifyCommand(program, {
      app: async () => api.app,
      actor: () => 'cli:test',
      config: () => loadClaimTrailConfig({}),
    });
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let failed = false;
    try {
      await program.parseAsync(['verify', ...args], { from: 'user' });
    } catch (error) {
      if ((error as { exitCode?: number }).exitCode !== 1) throw error;
      failed = true;
    } finally {
      write.mockRestore();
      quiet.mockRestore();
    }
    return { report: JSON.parse(lines.join('')), failed };
  }

  const positionOf = async (stream: string, version: number) => {
    const { rows } = await pool.query<{ p: string; t: string }>(
      'SELECT position::text AS p, transaction_id::text AS t FROM events WHERE stream_name = $1 AND version = $2',
      [stream, version],
    );
    return `${rows[0]!.t.padStart(20, '0')}/${rows[0]!.p.padStart(20, '0')}`;
  };

  it('finds untouched claims and the whole log intact', async () => {
    const { data } = await api.gql(VERIFY, { id: a.claimId });
    expect(data!.verifyClaimIntegrity).toEqual({ intact: true, checkedEvents: 2, firstBroken: null });
    expect(await cli('--claim', b.claimId)).toEqual({
      report: { intact: true, checkedEvents: 1 },
      failed: false,
    });
    expect(await cli('--all')).toMatchObject({ report: { intact: true }, failed: false });
  });

  it('answers NOT_FOUND for a claim that was never submitted', async () => {
    const { errors } = await api.gql(VERIFY, { id: 'CLM-NEVER-SEEN' });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('names the stream, version and position of an updated event, per claim and over the log', async () => {
    const position = await positionOf(streamA, 1);
    const edit = `UPDATE events SET metadata = jsonb_set(metadata, '{actor}', $3) WHERE stream_name = $1 AND version = $2`;
    const { rows } = await pool.query<{ actor: string }>(
      `SELECT metadata->>'actor' AS actor FROM events WHERE stream_name = $1 AND version = 1`,
      [streamA],
    );
    await pool.query(edit, [streamA, 1, JSON.stringify('mallory')]);
    try {
      const broken = { streamName: streamA, version: 1, position, reason: 'EVENT_CHANGED' };
      const { data } = await api.gql(VERIFY, { id: a.claimId });
      expect(data!.verifyClaimIntegrity).toEqual({ intact: false, checkedEvents: 2, firstBroken: broken });
      expect(await cli('--all')).toMatchObject({
        report: { intact: false, firstBroken: broken },
        failed: true,
      });
      expect(await cli('--claim', a.claimId)).toMatchObject({
        report: { firstBroken: broken },
        failed: true,
      });
    } finally {
      await pool.query(edit, [streamA, 1, JSON.stringify(rows[0]!.actor)]);
    }
    expect(await cli('--all')).toMatchObject({ failed: false });
  });

  it('names the earlier of two events whose positions were swapped', async () => {
    const [first, second] = [await positionOf(streamA, 0), await positionOf(streamA, 1)];
    const swap = async () => {
      const client = await pool.connect();
      const at = (position: string) => position.split('/')[1]!.replace(/^0+/, '');
      try {
        await client.query('BEGIN');
        await client.query('ALTER TABLE events ALTER COLUMN position SET GENERATED BY DEFAULT');
        await client.query('UPDATE events SET position = -1 WHERE position = $1', [at(first)]);
        await client.query('UPDATE events SET position = $1 WHERE position = $2', [at(first), at(second)]);
        await client.query('UPDATE events SET position = $1 WHERE position = -1', [at(second)]);
        await client.query('ALTER TABLE events ALTER COLUMN position SET GENERATED ALWAYS');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    await swap();
    try {
      const broken = { streamName: streamA, version: 0, position: first, reason: 'EVENT_MOVED' };
      const { data } = await api.gql(VERIFY, { id: a.claimId });
      expect(data!.verifyClaimIntegrity).toMatchObject({ intact: false, firstBroken: broken });
      expect(await cli('--all')).toMatchObject({
        report: { intact: false, firstBroken: broken },
        failed: true,
      });
    } finally {
      await swap();
    }
    expect(await cli('--all')).toMatchObject({ failed: false });
  });

  it('names a deleted event by the position the seal recorded', async () => {
    const position = await positionOf(streamB, 0);
    const saved = await pool.query('DELETE FROM events WHERE stream_name = $1 RETURNING *', [streamB]);
    const broken = { streamName: streamB, version: 0, position, reason: 'EVENT_MISSING' };
    const { data } = await api.gql(VERIFY, { id: b.claimId });
    expect(data!.verifyClaimIntegrity).toMatchObject({ intact: false, firstBroken: broken });
    expect(await cli('--all')).toMatchObject({
      report: { intact: false, firstBroken: broken },
      failed: true,
    });
    expect(saved.rowCount).toBe(1);
  });
});
