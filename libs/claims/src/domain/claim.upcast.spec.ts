import { claimDenied, claimOf, history } from '../testing/index.js';
import type { ClaimEvent } from './claim.events.js';
import { upcastClaimEvent } from './claim.upcast.js';

/** ClaimDenied as schema version 1 wrote it: no remark codes anywhere, line denials optional. */
const v1Denial = {
  groupCode: 'CO',
  carc: '50',
  deniedAmountCents: 100_000,
  deniedOn: '2026-04-10',
  firstAdjudication: true,
  nextAppealLevel: 1,
  appealDeadline: '2026-08-08',
};

describe('ClaimDenied v1', () => {
  it('reads as v2 with no remark codes and no line denials', () => {
    expect(upcastClaimEvent({ type: 'ClaimDenied', schemaVersion: 1, data: v1Denial })).toEqual(
      claimDenied(),
    );
  });

  it('gives each v1 line denial an empty list of remark codes', () => {
    const line = { lineNumber: 2, groupCode: 'CO', carc: '50', deniedAmountCents: 40_000 };
    const event = upcastClaimEvent({
      type: 'ClaimDenied',
      schemaVersion: 1,
      data: { ...v1Denial, lines: [line] },
    });
    expect(event).toEqual(claimDenied({ lines: [{ ...line, groupCode: 'CO', rarcs: [] }] }));
  });

  it('folds into a DENIED claim like a current denial', () => {
    const upcast = upcastClaimEvent({ type: 'ClaimDenied', schemaVersion: 1, data: v1Denial }) as ClaimEvent;
    expect(claimOf([...history.accepted(), upcast])).toEqual(claimOf(history.denied()));
  });

  it('leaves a v2 denial as it was written', () => {
    const v2 = claimDenied({ rarcs: ['N115'] });
    expect(upcastClaimEvent({ type: 'ClaimDenied', schemaVersion: 2, data: v2.data })).toEqual(v2);
  });
});

it('ignores an event type this code does not know', () => {
  expect(upcastClaimEvent({ type: 'ClaimTeleported', schemaVersion: 1, data: {} })).toBeUndefined();
});
