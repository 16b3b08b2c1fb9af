import { MEDICARE_RULES } from '@claimtrail/claims';
import type { ChangePayerRules } from './payer.commands.js';
import { decidePayer } from './payer.decide.js';
import { PayerError } from './payer.errors.js';
import type { PayerRulesChanged, PayerRulesSnapshot } from './payer.events.js';
import { evolvePayer, initialPayerState, type PayerState } from './payer.evolve.js';

const change = (overrides: Partial<ChangePayerRules> = {}): ChangePayerRules => ({
  type: 'ChangePayerRules',
  payerId: 'ACME01',
  name: 'Acme Health',
  timelyFilingDays: 90,
  appealWindowDays: [180, 60],
  responseDays: 30,
  ...overrides,
});

const rules = (overrides: Partial<PayerRulesSnapshot> = {}): PayerRulesSnapshot => ({
  name: 'Acme Health',
  timelyFilingDays: 90,
  appealWindowDays: [180, 60],
  responseDays: 30,
  ...overrides,
});

const changed = (
  version: number,
  after: PayerRulesSnapshot,
  before: PayerRulesSnapshot | null,
): PayerRulesChanged => ({
  type: 'PayerRulesChanged',
  data: { payerId: 'ACME01', name: after.name, before, after, version },
});

/** The payer after its events; `legacy` is a row kept from before rule history (version 0). */
function given(events: PayerRulesChanged[], legacy?: PayerRulesSnapshot) {
  const state: PayerState = events.reduce(
    evolvePayer,
    legacy ? { version: 0, rules: legacy } : initialPayerState,
  );
  return {
    when(command: ChangePayerRules) {
      const run = () => decidePayer(command, state);
      return {
        then: (expected: PayerRulesChanged[]) => expect(run()).toEqual(expected),
        thenThrows(field: string) {
          expect(run).toThrow(PayerError);
          expect(run).toThrow(expect.objectContaining({ code: 'INVALID_PAYER_RULES', field }));
        },
      };
    },
  };
}

describe('no payer yet', () => {
  it('creates the payer as version 1, with nothing before', () => {
    given([])
      .when(change())
      .then([changed(1, rules(), null)]);
  });

  it("takes Medicare's rules for those left out", () => {
    const { timelyFilingDays, appealWindowDays, responseDays } = MEDICARE_RULES;
    given([])
      .when(change({ timelyFilingDays: undefined, appealWindowDays: undefined, responseDays: undefined }))
      .then([changed(1, rules({ timelyFilingDays, appealWindowDays, responseDays }), null)]);
  });

  it.each([
    ['a timely-filing rule of 0 days', { timelyFilingDays: 0 }, 'timelyFilingDays'],
    ['a fractional response time', { responseDays: 1.5 }, 'responseDays'],
    ['no appeal levels', { appealWindowDays: [] }, 'appealWindowDays'],
    ['an appeal window of 3651 days', { appealWindowDays: [3651] }, 'appealWindowDays'],
    ['an empty name', { name: '' }, 'name'],
    ['a payer id of the wrong format', { payerId: 'acme 01' }, 'payerId'],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    given([]).when(change(overrides)).thenThrows(field);
  });
});

describe('configured payer', () => {
  const created = changed(1, rules(), null);

  it('records a change with the rules before and after, as the next version', () => {
    given([created])
      .when(change({ timelyFilingDays: 1 }))
      .then([changed(2, rules({ timelyFilingDays: 1 }), rules())]);
  });

  it('keeps the current value of each rule left out', () => {
    given([created, changed(2, rules({ responseDays: 45 }), rules())])
      .when(
        change({
          name: 'Acme',
          timelyFilingDays: undefined,
          appealWindowDays: undefined,
          responseDays: undefined,
        }),
      )
      .then([changed(3, rules({ name: 'Acme', responseDays: 45 }), rules({ responseDays: 45 }))]);
  });

  it('records a rename alone as a change', () => {
    given([created])
      .when(change({ name: 'Acme Health Plan' }))
      .then([changed(2, rules({ name: 'Acme Health Plan' }), rules())]);
  });

  it('records nothing for a change that changes nothing', () => {
    given([created]).when(change()).then([]);
    given([created])
      .when(change({ timelyFilingDays: undefined }))
      .then([]);
  });

  it('records a change of one appeal window', () => {
    given([created])
      .when(change({ appealWindowDays: [180, 61] }))
      .then([changed(2, rules({ appealWindowDays: [180, 61] }), rules())]);
  });

  it('refuses rules a claim could not be filed under', () => {
    given([created])
      .when(change({ responseDays: 366 }))
      .thenThrows('responseDays');
  });
});

describe('payer configured before rule history (version 0)', () => {
  it('records its first change as version 1, with the rules it had before', () => {
    given([], rules())
      .when(change({ timelyFilingDays: 1 }))
      .then([changed(1, rules({ timelyFilingDays: 1 }), rules())]);
  });

  it('records nothing for a change that changes nothing', () => {
    given([], rules()).when(change()).then([]);
  });
});
