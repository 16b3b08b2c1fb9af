import { InMemoryEventStore, type NewEvent } from '@claimtrail/event-store';
import { NotFoundError, RequestValidationError } from '@claimtrail/platform';
import { CLAIM_EVENT_SCHEMA_VERSIONS, claimStreamName, type ClaimEvent } from '../domain/index.js';
import { AT, claimDeniedV1Data, followUpLogged, history, stateOf } from '../testing/index.js';
import { ClaimAuditQueries } from './claim-audit.queries.js';

const stored = (
  n: number,
  event: { type: string; data: unknown },
  occurredAt: string,
  schemaVersion = CLAIM_EVENT_SCHEMA_VERSIONS[event.type as ClaimEvent['type']],
): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: event.type,
  schemaVersion,
  data: event.data,
  metadata: {
    actor: 'biller',
    occurredAt,
    commandId: `cmd-${n}`,
    correlationId: 'corr',
    causationId: `cmd-${n}`,
  },
});

const FOLLOW_UPS = 12;

describe('a claim history of a submission, a stored v1 denial and 12 follow-ups', () => {
  const recordedAt = new Date(AT.denied);
  let audit: ClaimAuditQueries;

  beforeEach(async () => {
    const store = new InMemoryEventStore(() => recordedAt);
    const [submitted, acknowledged] = history.accepted();
    await store.append(
      claimStreamName('CLM-1001'),
      [
        stored(0, submitted!, AT.submitted),
        stored(1, acknowledged!, AT.acknowledged),
        stored(2, { type: 'ClaimDenied', data: claimDeniedV1Data() }, AT.denied, 1),
        ...Array.from({ length: FOLLOW_UPS }, (_, i) => stored(3 + i, followUpLogged(), AT.denied)),
      ],
      { expectedVersion: 'no_stream' },
    );
    audit = new ClaimAuditQueries(store, { now: () => new Date(AT.appealed) });
  });

  it('pages by version, each page starting after the cursor, until hasNextPage is false', async () => {
    const versions: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await audit.history('CLM-1001', 4, after);
      versions.push(...page.entries.map((e) => e.recorded.version));
      if (!page.hasNextPage) break;
      after = String(page.entries.at(-1)!.recorded.version);
    }
    expect(versions).toEqual(Array.from({ length: 3 + FOLLOW_UPS }, (_, v) => v));
  });

  it('returns every event without first, and nothing after the last version', async () => {
    expect((await audit.history('CLM-1001', undefined, undefined)).entries).toHaveLength(3 + FOLLOW_UPS);
    expect(await audit.history('CLM-1001', 10, String(2 + FOLLOW_UPS))).toEqual({
      entries: [],
      hasNextPage: false,
    });
  });

  it('shows the stored v1 denial as stored and as the current schema reads it', async () => {
    const [denial] = (await audit.history('CLM-1001', 1, '1')).entries;
    expect(denial!.recorded).toMatchObject({ schemaVersion: 1, data: claimDeniedV1Data() });
    expect(denial!.current?.data).toMatchObject({ rarcs: [], payerId: expect.any(String) });
  });

  it.each([
    ['first', 0, undefined],
    ['first', 501, undefined],
    ['after', 4, '-1'],
    ['after', 4, 'abc'],
  ])('refuses a bad %s', async (field, first, after) => {
    const refusal = await audit.history('CLM-1001', first, after).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).problems[0]!.field).toBe(field);
  });

  it('folds to a version, and refuses one the claim never had', async () => {
    expect((await audit.atVersion('CLM-1001', 1)).state).toEqual(stateOf(history.accepted()));
    for (const version of [-1, 3 + FOLLOW_UPS]) {
      const refusal = await audit.atVersion('CLM-1001', version).catch((e: unknown) => e);
      expect((refusal as RequestValidationError).problems[0]!.field).toBe('version');
    }
  });

  it('refuses an instant after the clock, and an unknown claim', async () => {
    const future = await audit.asOf('CLM-1001', new Date('2199-01-01T00:00:00Z'), 'recorded').catch((e) => e);
    expect((future as RequestValidationError).problems[0]!.field).toBe('at');
    await expect(audit.history('CLM-404', 1, undefined)).rejects.toBeInstanceOf(NotFoundError);
    await expect(audit.asOf('CLM-404', new Date(AT.denied), 'business')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('folds as of a business time what had happened by then', async () => {
    expect((await audit.asOf('CLM-1001', new Date(AT.acknowledged), 'business')).state).toEqual(
      stateOf(history.accepted()),
    );
    expect((await audit.asOf('CLM-1001', new Date(AT.submitted), 'recorded')).version).toBe(-1);
  });
});
