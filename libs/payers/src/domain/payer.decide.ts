import { MEDICARE_RULES, PAYER_ID_PATTERN } from '@claimtrail/claims';
import type { ChangePayerRules } from './payer.commands.js';
import { PayerError } from './payer.errors.js';
import type { PayerEvent, PayerRulesSnapshot } from './payer.events.js';
import type { PayerState } from './payer.evolve.js';

/** The change as an event, or none when it leaves the payer's name and rules as they are. */
export function decidePayer(command: ChangePayerRules, state: PayerState): PayerEvent[] {
  if (!PAYER_ID_PATTERN.test(command.payerId))
    throw invalid('payerId', 'must be 2-10 upper-case letters or digits');
  const base = state.rules ?? MEDICARE_RULES;
  const after: PayerRulesSnapshot = {
    name: command.name,
    timelyFilingDays: command.timelyFilingDays ?? base.timelyFilingDays,
    appealWindowDays: [...(command.appealWindowDays ?? base.appealWindowDays)],
    responseDays: command.responseDays ?? base.responseDays,
  };
  checkRules(after);
  if (state.rules && sameRules(state.rules, after)) return [];
  return [
    {
      type: 'PayerRulesChanged',
      data: {
        payerId: command.payerId,
        name: after.name,
        before: state.rules,
        after,
        version: state.version + 1,
      },
    },
  ];
}

const isInt = (n: unknown, min: number, max: number): boolean =>
  Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

const invalid = (field: string, rule: string) =>
  new PayerError('INVALID_PAYER_RULES', `${field} ${rule}`, field);

// The ranges a claim accepts its payer rules in (and the payers table's checks): a stored rule never refuses a claim.
function checkRules(rules: PayerRulesSnapshot): void {
  if (typeof rules.name !== 'string' || rules.name.length === 0 || rules.name.length > 200)
    throw invalid('name', 'must be 1-200 characters');
  if (!isInt(rules.timelyFilingDays, 1, 3650)) throw invalid('timelyFilingDays', 'must be 1-3650 days');
  if (!isInt(rules.responseDays, 1, 365)) throw invalid('responseDays', 'must be 1-365 days');
  const windows = rules.appealWindowDays;
  if (windows.length < 1 || windows.length > 9 || windows.some((d) => !isInt(d, 1, 3650)))
    throw invalid('appealWindowDays', 'must list 1-9 appeal levels of 1-3650 days each');
}

function sameRules(a: PayerRulesSnapshot, b: PayerRulesSnapshot): boolean {
  return (
    a.name === b.name &&
    a.timelyFilingDays === b.timelyFilingDays &&
    a.responseDays === b.responseDays &&
    a.appealWindowDays.length === b.appealWindowDays.length &&
    a.appealWindowDays.every((days, i) => days === b.appealWindowDays[i])
  );
}
