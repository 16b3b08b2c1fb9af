import { formatPosition, InMemoryEventStore, type RecordedEvent } from '@claimtrail/event-store';
import { claimStreamName } from '../domain/index.js';
import { toClaim } from '../graphql/claim.mapper.js';
import { projectClaimSummary } from '../read-models/claim-summary/claim-summary.projection.js';
import { AT, commandStory, submitClaim, voidedStory } from '../testing/index.js';
import { ClaimCommandExecutor, type CommandBody } from './claim-command.executor.js';
import { RecentClaims, type RecentClaim } from './recent-claims.js';

const at = (n: number) => formatPosition(1, n);
const claimAt = (position: string, version = 0): RecentClaim => {
  const { type: _type, occurredAt, ...submitted } = submitClaim();
  return {
    state: { ...submitted, status: 'SUBMITTED', submittedAt: occurredAt } as never,
    version,
    position,
  };
};

describe('recent claims', () => {
  let now: number;
  let recent: RecentClaims;
  beforeEach(() => {
    now = Date.parse(AT.submitted);
    recent = new RecentClaims({ now: () => new Date(now) });
  });

  it('answers for a claim at or after the position while the read model has not applied it', () => {
    recent.record('CLM-1001', claimAt(at(5)));
    expect(recent.find('CLM-1001', at(5), at(4))?.position).toBe(at(5));
    expect(recent.find('CLM-1001', at(3), at(2))?.position).toBe(at(5));
    expect(recent.find('CLM-1001', at(5), undefined)?.position).toBe(at(5));
  });

  it('leaves the answer to the read model once it has applied the position, and forgets what it has', () => {
    recent.record('CLM-1001', claimAt(at(5)));
    expect(recent.find('CLM-1001', at(3), at(3))).toBeUndefined();
    recent.find('CLM-2002', at(9), at(5));
    expect(recent.find('CLM-1001', at(5), undefined)).toBeUndefined();
  });

  it('has nothing for a position past its own command, nor for another claim', () => {
    recent.record('CLM-1001', claimAt(at(5)));
    expect(recent.find('CLM-1001', at(6), at(4))).toBeUndefined();
    expect(recent.find('CLM-2002', at(5), at(4))).toBeUndefined();
  });

  it('keeps the later of two commands on a claim, whichever finished last', () => {
    recent.record('CLM-1001', claimAt(at(7), 1));
    recent.record('CLM-1001', claimAt(at(5), 0));
    expect(recent.find('CLM-1001', at(5), undefined)).toMatchObject({ position: at(7), version: 1 });
  });

  it('stops answering after ten seconds, when later commands from elsewhere may exist', () => {
    recent.record('CLM-1001', claimAt(at(5)));
    now += 10_001;
    expect(recent.find('CLM-1001', at(5), at(4))).toBeUndefined();
  });

  it('holds at most 2,000 claims, the oldest going first', () => {
    for (let i = 1; i <= 2_001; i++) recent.record(`CLM-${i}`, claimAt(at(i)));
    expect(recent.find('CLM-1', at(1), undefined)).toBeUndefined();
    expect(recent.find('CLM-2', at(2), undefined)).toBeDefined();
  });

  describe("each command's claim, as the executor records it", () => {
    it.each([
      ['the whole story, from submission to the patient paying', commandStory()],
      ['a claim voided after a rejection', voidedStory()],
    ])('%s: equals the read model row projected from the stored events', async (_label, commands) => {
      const store = new InMemoryEventStore(() => new Date(AT.writtenOff));
      const executor = new ClaimCommandExecutor(
        store,
        { now: () => new Date(AT.writtenOff) },
        undefined,
        recent,
      );
      for (const [body, occurredAt] of commands) {
        const result = await executor.execute('CLM-1001', body as CommandBody, {
          actor: 'biller',
          occurredAt,
        });
        // As the projection gets them: stored as JSON, read back.
        const stored = JSON.parse(
          JSON.stringify(await store.readStream(claimStreamName('CLM-1001'))),
        ) as RecordedEvent[];
        const row = stored.reduce(projectClaimSummary, undefined)!;
        const held = recent.find('CLM-1001', result.position, undefined)!;
        expect(held).toMatchObject({ version: row.version, position: row.lastPosition });
        expect(held.state).toEqual(row.state);
        expect(toClaim(held.state, held.version)).toEqual(toClaim(row.state, row.version));
      }
    });
  });
});
