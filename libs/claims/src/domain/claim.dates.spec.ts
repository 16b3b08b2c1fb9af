import {
  billPatient,
  claimPended,
  claimSubmitted,
  given,
  history,
  logFollowUp,
  pendClaim,
  recordPayment,
  submitClaim,
  voidClaim,
} from '../testing/index.js';
import { isValidInstant, isValidLocalDate, LIMITS } from './claim.codes.js';

const line = submitClaim().lines[0]!;

describe('the plausible date range', () => {
  it.each([LIMITS.earliestDate, '2026-03-02', '2024-02-29', LIMITS.latestDate])('accepts %s', (date) => {
    expect(isValidLocalDate(date)).toBe(true);
  });

  it.each(['0000-01-01', '1899-12-31', '2200-01-01', '9999-12-31', '2026-02-30', '2025-02-29', '2026-3-2'])(
    'refuses %s',
    (date) => {
      expect(isValidLocalDate(date)).toBe(false);
    },
  );

  it.each([
    '1900-01-01T00:00:00Z',
    '2026-03-10T15:00:00.000Z',
    '2026-03-10T15:00:00.123456+02:00',
    '2026-03-10T15:00Z',
    '2199-12-31T23:59:59.999Z',
  ])('accepts the instant %s', (instant) => {
    expect(isValidInstant(instant)).toBe(true);
  });

  it.each([
    ['year 0', '0000-01-01T00:00:00Z'],
    ['before 1900 in UTC', '1900-01-01T00:30:00+01:00'],
    ['after 2199 in UTC', '2199-12-31T23:00:00-05:00'],
    ['an impossible day', '2026-02-30T10:00:00Z'],
    ['no zone', '2026-03-10T15:00:00'],
    ['hour 24', '2026-03-10T24:00:00Z'],
    ['an expanded year', '+002026-03-10T15:00:00Z'],
    ['a date only', '2026-03-10'],
  ])('refuses an instant with %s', (_label, instant) => {
    expect(isValidInstant(instant)).toBe(false);
  });
});

describe('no claim yet', () => {
  it.each(['0000-01-01', '1899-12-31'])('refuses a service date of %s, naming the line', (serviceDate) => {
    given([])
      .when(submitClaim({ lines: [{ ...line, serviceDate }] }))
      .thenThrows('VALIDATION_FAILED', 'lines[0].serviceDate');
  });

  it('submits a claim whose service date is the first day of the range', () => {
    const lines = [{ ...line, serviceDate: LIMITS.earliestDate }];
    given([])
      .when(submitClaim({ lines }))
      .then([
        claimSubmitted({
          serviceDateFrom: LIMITS.earliestDate,
          serviceDateTo: LIMITS.earliestDate,
          lines: [{ lineNumber: 1, ...line, serviceDate: LIMITS.earliestDate }],
          totalChargeCents: line.chargeCents,
        }),
      ]);
  });

  it.each(['2200-01-01T10:00:00Z', '2026-02-30T10:00:00Z', '2026-03-10T15:00:00'])(
    'refuses a submission at %s',
    (occurredAt) => {
      given([]).when(submitClaim({ occurredAt })).thenThrows('VALIDATION_FAILED', 'occurredAt');
    },
  );
});

describe('submitted', () => {
  it.each(['2200-01-01', '9999-12-31'])('refuses an info due date of %s', (infoDueDate) => {
    given(history.submitted())
      .when(pendClaim({ infoDueDate }))
      .thenThrows('VALIDATION_FAILED', 'infoDueDate');
  });

  it('pends with an info due date on the last day of the range', () => {
    given(history.submitted())
      .when(pendClaim({ infoDueDate: LIMITS.latestDate }))
      .then([claimPended({ infoDueDate: LIMITS.latestDate })]);
  });

  it.each(['2200-01-01', '9999-12-31'])('refuses a next action date of %s', (nextActionDate) => {
    given(history.submitted())
      .when(logFollowUp({ nextActionDate }))
      .thenThrows('VALIDATION_FAILED', 'nextActionDate');
  });

  it('refuses a paid date of year 0', () => {
    given(history.submitted())
      .when(recordPayment({ paidDate: '0000-01-01' }))
      .thenThrows('VALIDATION_FAILED', 'paidDate');
  });

  it('refuses a command dated after 2199, whatever its other dates', () => {
    given(history.submitted())
      .when(voidClaim({ occurredAt: '2200-06-01T10:00:00Z' }))
      .thenThrows('VALIDATION_FAILED', 'occurredAt');
  });
});

describe('paid', () => {
  it.each(['2200-01-01', '9999-12-31'])('refuses a statement due date of %s', (dueDate) => {
    given(history.paid()).when(billPatient({ dueDate })).thenThrows('VALIDATION_FAILED', 'dueDate');
  });
});
