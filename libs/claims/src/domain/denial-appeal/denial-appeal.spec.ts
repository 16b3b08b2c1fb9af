import {
  appealClaim,
  appealDecided,
  claimAcknowledged,
  claimAppealed,
  claimDenied,
  claimOf,
  claimPartiallyPaid,
  claimResubmitted,
  claimSubmitted,
  decideAppeal,
  denyClaim,
  given,
  history,
  resubmitClaim,
  stateOf,
} from '../../testing/index.js';
import type { ClaimEvent } from '../claim.events.js';
import { addDays, insuranceBalance, MEDICARE_RULES } from '../claim.money.js';

describe.each([
  ['submitted', history.submitted],
  ['accepted', history.accepted],
  ['pended', history.pended],
])('%s', (_status, events) => {
  it('is denied, opening appeal level 1 until the denial date plus the payer window', () => {
    given(events())
      .when(denyClaim())
      .then([
        claimDenied({
          nextAppealLevel: 1,
          appealDeadline: addDays('2026-04-10', 120),
          firstAdjudication: true,
        }),
      ]);
  });
});

describe('accepted, denying', () => {
  const accepted = history.accepted;

  it('records the denial with line details and remark codes', () => {
    const lines = [
      { lineNumber: 2, groupCode: 'CO' as const, carc: '16', rarcs: ['M127'], deniedAmountCents: 40_000 },
    ];
    given(accepted())
      .when(denyClaim({ carc: '16', rarcs: ['M127'], deniedAmountCents: 40_000, lines }))
      .then([claimDenied({ carc: '16', rarcs: ['M127'], deniedAmountCents: 40_000, lines })]);
  });

  it('leaves the balances alone: a denied claim stays in AR', () => {
    const state = stateOf([...accepted(), claimDenied()]);
    expect(state).toMatchObject({
      status: 'DENIED',
      adjudicated: true,
      denial: { carc: '50', deniedAmountCents: 100_000 },
    });
    expect(claimOf([...accepted(), claimDenied()]).money).toEqual(claimOf(accepted()).money);
    expect(insuranceBalance(claimOf([...accepted(), claimDenied()]).money)).toBe(100_000);
  });

  it('keeps the appeal deadline in the claim deadlines', () => {
    expect(stateOf([...accepted(), claimDenied()])).toMatchObject({
      deadlines: { timelyFiling: '2027-03-02', appeal: { level: 1, deadline: '2026-08-08' } },
    });
  });

  it.each([
    ['a CARC of the wrong format', { carc: '50X' }, 'carc'],
    ['a remark code of the wrong format', { rarcs: ['115'] }, 'rarcs[0]'],
    ['an unknown group code', { groupCode: 'XX' as never }, 'groupCode'],
    ['CARC 16 without a remark code naming what is missing', { carc: '16' }, 'rarcs'],
    ['a zero amount', { deniedAmountCents: 0 }, 'deniedAmountCents'],
    ['more than the claim owes', { deniedAmountCents: 100_001 }, 'deniedAmountCents'],
    ['a fractional amount', { deniedAmountCents: 10.5 }, 'deniedAmountCents'],
    [
      'a line the claim does not have',
      { lines: [{ lineNumber: 3, groupCode: 'CO' as const, carc: '50', rarcs: [], deniedAmountCents: 1 }] },
      'lines[0].lineNumber',
    ],
    [
      'a line denied for more than its charge',
      {
        lines: [
          { lineNumber: 2, groupCode: 'CO' as const, carc: '50', rarcs: [], deniedAmountCents: 40_001 },
        ],
      },
      'lines[0].deniedAmountCents',
    ],
    [
      'lines denying more than the claim',
      {
        deniedAmountCents: 50_000,
        lines: [
          { lineNumber: 1, groupCode: 'CO' as const, carc: '50', rarcs: [], deniedAmountCents: 30_000 },
          { lineNumber: 2, groupCode: 'CO' as const, carc: '50', rarcs: [], deniedAmountCents: 30_000 },
        ],
      },
      'lines',
    ],
  ])('refuses %s', (_label, overrides, field) => {
    given(accepted()).when(denyClaim(overrides)).thenThrows('VALIDATION_FAILED', field);
  });

  it("names the claim's payer and provider, so that denial reports can group by them", () => {
    const claim = [claimSubmitted({ payerId: 'SX065', providerNpi: '1245319599' }), claimAcknowledged()];
    given(claim)
      .when(denyClaim())
      .then([claimDenied({ payerId: 'SX065', providerNpi: '1245319599' })]);
  });

  it('is not a first adjudication when the payer decided before', () => {
    const resubmitted: ClaimEvent[] = [
      ...history.partiallyPaid(),
      claimResubmitted({ frequencyCode: '7', resubmittedAt: '2026-06-01T10:00:00.000Z' }),
    ];
    given(resubmitted)
      .when(denyClaim({ deniedAmountCents: 20_000, occurredAt: '2026-06-10T10:00:00.000Z' }))
      .then([claimDenied({ deniedAmountCents: 20_000, deniedOn: '2026-06-10', firstAdjudication: false })]);
  });
});

describe('denied', () => {
  it('is appealed at level 1 before the deadline', () => {
    given(history.denied()).when(appealClaim()).then([claimAppealed()]);
  });

  it('is appealed on the last day of the window', () => {
    given(history.denied())
      .when(appealClaim({ occurredAt: '2026-08-08T23:00:00.000Z' }))
      .then([claimAppealed({ appealedOn: '2026-08-08' })]);
  });

  it('refuses an appeal after the deadline', () => {
    given(history.denied())
      .when(appealClaim({ occurredAt: '2026-08-09T10:00:00.000Z' }))
      .thenThrows('DEADLINE_PASSED');
  });

  it.each([[2], [0], [6], [1.5]])('refuses appeal level %p when level 1 is next', (level) => {
    given(history.denied()).when(appealClaim({ level })).thenThrows('VALIDATION_FAILED', 'level');
  });

  it('refuses an appeal without a reason', () => {
    given(history.denied())
      .when(appealClaim({ reason: '' }))
      .thenThrows('VALIDATION_FAILED', 'reason');
  });

  it('is resubmitted as a corrected claim (frequency 7) of the same claim', () => {
    const command = resubmitClaim({ frequencyCode: '7', reason: 'Added the missing modifier' });
    given(history.denied())
      .when(command)
      .then([
        claimResubmitted({
          frequencyCode: '7',
          reason: 'Added the missing modifier',
          resubmittedAt: command.occurredAt,
        }),
      ]);
    const state = stateOf([...history.denied(), claimResubmitted({ frequencyCode: '7' })]);
    expect(state).toMatchObject({ status: 'SUBMITTED', claimId: 'CLM-1001', submissionCount: 2 });
    expect(
      claimOf([...history.denied(), claimResubmitted({ frequencyCode: '7' })]).deadlines.appeal,
    ).toBeUndefined();
  });

  it('refuses an original (frequency 1) resubmission of an adjudicated claim', () => {
    given(history.denied())
      .when(resubmitClaim({ frequencyCode: '1' }))
      .thenThrows('VALIDATION_FAILED', 'frequencyCode');
  });
});

describe('partially paid', () => {
  it('is appealed at level 1 within the window the remittance opened', () => {
    given(history.partiallyPaid())
      .when(appealClaim({ occurredAt: '2026-06-01T10:00:00.000Z' }))
      .then([claimAppealed({ appealedOn: '2026-06-01', appealDeadline: '2026-09-24' })]);
  });

  it('is resubmitted as a corrected claim', () => {
    given(history.partiallyPaid())
      .when(resubmitClaim({ frequencyCode: '7', occurredAt: '2026-06-01T10:00:00.000Z' }))
      .then([claimResubmitted({ frequencyCode: '7', resubmittedAt: '2026-06-01T10:00:00.000Z' })]);
  });

  it('refuses corrected lines charging less than the payer already settled', () => {
    const line = {
      procedureCode: '99214',
      modifiers: [],
      units: 1,
      chargeCents: 50_000,
      diagnosisPointers: [1],
      serviceDate: '2026-03-02',
    };
    given(history.partiallyPaid())
      .when(resubmitClaim({ frequencyCode: '7', lines: [line], occurredAt: '2026-06-01T10:00:00.000Z' }))
      .thenThrows('VALIDATION_FAILED', 'lines');
  });
});

describe('appealed', () => {
  it('is overturned and stays APPEALED with the outcome, awaiting the payment', () => {
    given(history.appealed()).when(decideAppeal()).then([appealDecided()]);
    expect(stateOf(history.overturned())).toMatchObject({
      status: 'APPEALED',
      appeal: { level: 1, outcome: 'OVERTURNED', decidedOn: '2026-05-20' },
    });
  });

  it('is partially overturned', () => {
    given(history.appealed())
      .when(decideAppeal({ outcome: 'PARTIALLY_OVERTURNED' }))
      .then([appealDecided({ outcome: 'PARTIALLY_OVERTURNED' })]);
  });

  it('is upheld: DENIED again, with the next level open from the decision date', () => {
    given(history.appealed())
      .when(decideAppeal({ outcome: 'UPHELD' }))
      .then([
        appealDecided({
          outcome: 'UPHELD',
          nextAppealLevel: 2,
          nextAppealDeadline: addDays('2026-05-20', 180),
        }),
      ]);
    const state = stateOf([
      ...history.appealed(),
      appealDecided({ outcome: 'UPHELD', nextAppealLevel: 2, nextAppealDeadline: '2026-11-16' }),
    ]);
    expect(state).toMatchObject({
      status: 'DENIED',
      denial: { carc: '50', deniedAmountCents: 100_000 },
      deadlines: { appeal: { level: 2, deadline: '2026-11-16' } },
    });
  });

  it('is appealed at level 2 after level 1 was upheld', () => {
    const upheld = [
      ...history.appealed(),
      appealDecided({ outcome: 'UPHELD', nextAppealLevel: 2, nextAppealDeadline: '2026-11-16' }),
    ];
    given(upheld)
      .when(appealClaim({ level: 2, occurredAt: '2026-06-01T10:00:00.000Z' }))
      .then([claimAppealed({ level: 2, appealedOn: '2026-06-01', appealDeadline: '2026-11-16' })]);
  });

  it('is upheld at the last level: no deadline is left, and no further appeal is taken', () => {
    const oneLevel = { ...MEDICARE_RULES, appealWindowDays: [60] };
    const events = [
      claimSubmitted({ payerRules: oneLevel }),
      claimDenied({ appealDeadline: '2026-06-09' }),
      claimAppealed({ appealDeadline: '2026-06-09' }),
    ];
    given(events)
      .when(decideAppeal({ outcome: 'UPHELD' }))
      .then([appealDecided({ outcome: 'UPHELD' })]);
    const upheld = [...events, appealDecided({ outcome: 'UPHELD' })];
    expect(stateOf(upheld)).toMatchObject({ status: 'DENIED', deadlines: { timelyFiling: '2027-03-02' } });
    expect(claimOf(upheld).deadlines).not.toHaveProperty('appeal');
    given(upheld)
      .when(appealClaim({ level: 2, occurredAt: '2026-05-21T10:00:00.000Z' }))
      .thenThrows('INVALID_TRANSITION');
  });

  it('upheld after appealing a partial payment: DENIED for the part still denied', () => {
    const events = [
      ...history.accepted(),
      claimPartiallyPaid(),
      claimAppealed({ appealedOn: '2026-06-01', appealDeadline: '2026-09-24' }),
      appealDecided({
        outcome: 'UPHELD',
        decidedOn: '2026-07-01',
        nextAppealLevel: 2,
        nextAppealDeadline: '2026-12-28',
      }),
    ];
    expect(stateOf(events)).toMatchObject({
      status: 'DENIED',
      denial: { groupCode: 'CO', carc: '50', rarcs: ['N115'], deniedAmountCents: 20_000 },
    });
  });

  it('refuses a second decision on the same appeal', () => {
    given(history.overturned()).when(decideAppeal()).thenThrows('INVALID_TRANSITION');
  });

  it('refuses a decision dated before the appeal', () => {
    given(history.appealed())
      .when(decideAppeal({ occurredAt: '2026-04-14T10:00:00.000Z' }))
      .thenThrows('VALIDATION_FAILED', 'occurredAt');
  });

  it('refuses an unknown outcome', () => {
    given(history.appealed())
      .when(decideAppeal({ outcome: 'MAYBE' as never }))
      .thenThrows('VALIDATION_FAILED', 'outcome');
  });
});
