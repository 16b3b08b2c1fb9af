import {
  appealDecided,
  claimAcknowledged,
  claimAppealed,
  claimDenied,
  claimDeniedV1Data,
  claimDeniedV2Data,
  claimOf,
  claimSubmitted,
  history,
  stateOf,
} from '../testing/index.js';
import { CLAIM_EVENT_SCHEMA_VERSIONS, type ClaimEvent } from './claim.events.js';
import { evolve } from './claim.evolve.js';
import { initialClaimState, type ClaimState } from './claim.state.js';
import { upcastClaimEvent, type StoredClaimEvent } from './claim.upcast.js';

const accepted = (): ClaimState => stateOf(history.accepted());

/** Folds stored events as the command executor and the projection do: each read on the state before it. */
function foldStored(events: StoredClaimEvent[]): ClaimState {
  return events.reduce<ClaimState>((state, stored) => {
    const event = upcastClaimEvent(stored, state);
    return event ? evolve(state, event) : state;
  }, initialClaimState);
}

const stored = (event: ClaimEvent): StoredClaimEvent => ({
  type: event.type,
  schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type],
  data: event.data,
});

describe('ClaimDenied v1', () => {
  it('reads as the current denial with no remark codes, no line denials, taking payer and provider from the claim', () => {
    expect(
      upcastClaimEvent({ type: 'ClaimDenied', schemaVersion: 1, data: claimDeniedV1Data() }, accepted()),
    ).toEqual(claimDenied());
  });

  it('gives each v1 line denial an empty list of remark codes', () => {
    const line = { lineNumber: 2, groupCode: 'CO', carc: '50', deniedAmountCents: 40_000 };
    const event = upcastClaimEvent(
      { type: 'ClaimDenied', schemaVersion: 1, data: { ...claimDeniedV1Data(), lines: [line] } },
      accepted(),
    );
    expect(event).toEqual(claimDenied({ lines: [{ ...line, groupCode: 'CO', rarcs: [] }] }));
  });

  it('folds into a DENIED claim like a current denial', () => {
    const upcast = upcastClaimEvent(
      { type: 'ClaimDenied', schemaVersion: 1, data: claimDeniedV1Data() },
      accepted(),
    ) as ClaimEvent;
    expect(claimOf([...history.accepted(), upcast])).toEqual(claimOf(history.denied()));
  });
});

describe('ClaimDenied v2', () => {
  it('takes payer and provider from the claim as it stood before the denial', () => {
    const before = stateOf([
      claimSubmitted({ payerId: 'SX065', providerNpi: '1245319599' }),
      claimAcknowledged(),
    ]);
    expect(
      upcastClaimEvent(
        { type: 'ClaimDenied', schemaVersion: 2, data: claimDeniedV2Data({ rarcs: ['N115'] }) },
        before,
      ),
    ).toEqual(claimDenied({ payerId: 'SX065', providerNpi: '1245319599', rarcs: ['N115'] }));
  });

  it('cannot be read on a stream without a claim, which evolve would ignore anyway', () => {
    expect(
      upcastClaimEvent(
        { type: 'ClaimDenied', schemaVersion: 2, data: claimDeniedV2Data() },
        initialClaimState,
      ),
    ).toBeUndefined();
    expect(foldStored([{ type: 'ClaimDenied', schemaVersion: 2, data: claimDeniedV2Data() }])).toEqual(
      initialClaimState,
    );
  });
});

describe('ClaimDenied v3', () => {
  it('is left as it was written', () => {
    const v3 = claimDenied({ rarcs: ['N115'] });
    expect(upcastClaimEvent({ type: 'ClaimDenied', schemaVersion: 3, data: v3.data }, accepted())).toEqual(
      v3,
    );
  });
});

describe('a stored history with a denial of an older schema', () => {
  const [submitted, acknowledged] = history.accepted().map(stored);
  const after = [
    claimAppealed(),
    appealDecided({ outcome: 'UPHELD', nextAppealLevel: 2, nextAppealDeadline: '2026-11-16' }),
  ];
  const current = stateOf([...history.accepted(), claimDenied(), ...after]);

  it.each([
    ['v1', { type: 'ClaimDenied', schemaVersion: 1, data: claimDeniedV1Data() }],
    ['v2', { type: 'ClaimDenied', schemaVersion: 2, data: claimDeniedV2Data() }],
  ])('folds a %s denial, and what follows it, to the state the current denial gives', (_label, denial) => {
    expect(foldStored([submitted!, acknowledged!, denial, ...after.map(stored)])).toEqual(current);
  });
});

it('ignores an event type this code does not know', () => {
  expect(
    upcastClaimEvent({ type: 'ClaimTeleported', schemaVersion: 1, data: {} }, accepted()),
  ).toBeUndefined();
});
