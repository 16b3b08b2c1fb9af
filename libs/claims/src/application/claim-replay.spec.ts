import { InMemoryEventStore, type NewEvent } from '@claimtrail/event-store';
import { claimStreamName, CLAIM_EVENT_SCHEMA_VERSIONS, type ClaimEvent } from '../domain/index.js';
import {
  appealClaim,
  AT,
  claimAppealed,
  claimDeniedV1Data,
  claimDeniedV2Data,
  history,
  stateOf,
} from '../testing/index.js';
import { ClaimCommandExecutor, fold } from './claim-command.executor.js';
import { claimAsOf } from './claim-replay.js';

const stored = (
  id: number,
  event: { type: string; data: unknown },
  occurredAt: string,
  schemaVersion = CLAIM_EVENT_SCHEMA_VERSIONS[event.type as ClaimEvent['type']],
): NewEvent => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  type: event.type,
  schemaVersion,
  data: event.data,
  metadata: { actor: 'biller', occurredAt },
});

// Streams written before ClaimDenied v3 hold denials without payer and provider; every fold reads them on the claim.
describe.each([
  ['v1', 1, claimDeniedV1Data()],
  ['v2', 2, claimDeniedV2Data()],
])('a stream with a stored %s denial', (_label, schemaVersion, denialData) => {
  const clock = { now: () => new Date(AT.appealed) };
  let store: InMemoryEventStore;

  beforeEach(async () => {
    store = new InMemoryEventStore(() => new Date(AT.denied));
    const [submitted, acknowledged] = history.accepted();
    await store.append(
      claimStreamName('CLM-1001'),
      [
        stored(1, submitted!, AT.submitted),
        stored(2, acknowledged!, AT.acknowledged),
        stored(3, { type: 'ClaimDenied', data: denialData }, AT.denied, schemaVersion),
      ],
      { expectedVersion: 'no_stream' },
    );
  });

  it('folds to the claim a current denial gives', async () => {
    const events = await store.readStream(claimStreamName('CLM-1001'));
    expect(fold(events)).toEqual(stateOf(history.denied()));
    expect(claimAsOf(events, AT.denied, 'business').state).toEqual(stateOf(history.denied()));
  });

  it('takes the next command as a current history would', async () => {
    const { occurredAt: _at, ...appeal } = appealClaim();
    await new ClaimCommandExecutor(store, clock).execute('CLM-1001', appeal, {
      actor: 'biller',
      occurredAt: AT.appealed,
    });
    const events = await store.readStream(claimStreamName('CLM-1001'));
    expect(events.at(-1)).toMatchObject({ type: 'ClaimAppealed', data: claimAppealed().data });
    expect(fold(events)).toEqual(stateOf(history.appealed()));
  });
});
