import {
  addDays,
  MEDICARE_RULES,
  type AppealClaim,
  type AppealDecided,
  type ClaimAppealed,
  type ClaimDenied,
  type DecideAppeal,
  type DenyClaim,
} from '../domain/index.js';
import { AT, dateOf } from './claim-story.js';
import { submitClaim } from './submission.builders.js';

export const denyClaim = (overrides: Partial<DenyClaim> = {}): DenyClaim => ({
  type: 'DenyClaim',
  groupCode: 'CO',
  carc: '50',
  rarcs: [],
  deniedAmountCents: 100_000,
  lines: [],
  occurredAt: AT.denied,
  ...overrides,
});

export function claimDenied(overrides: Partial<ClaimDenied['data']> = {}): ClaimDenied {
  const { payerId, providerNpi } = submitClaim();
  const deniedOn = overrides.deniedOn ?? dateOf(AT.denied);
  return {
    type: 'ClaimDenied',
    data: {
      payerId,
      providerNpi,
      groupCode: 'CO',
      carc: '50',
      rarcs: [],
      deniedAmountCents: 100_000,
      lines: [],
      deniedOn,
      firstAdjudication: true,
      nextAppealLevel: 1,
      appealDeadline: addDays(deniedOn, MEDICARE_RULES.appealWindowDays[0]!),
      ...overrides,
    },
  };
}

export const appealClaim = (overrides: Partial<AppealClaim> = {}): AppealClaim => ({
  type: 'AppealClaim',
  level: 1,
  reason: 'The visit notes document medical necessity',
  occurredAt: AT.appealed,
  ...overrides,
});

export const claimAppealed = (overrides: Partial<ClaimAppealed['data']> = {}): ClaimAppealed => ({
  type: 'ClaimAppealed',
  data: {
    level: 1,
    reason: 'The visit notes document medical necessity',
    appealedOn: dateOf(AT.appealed),
    appealDeadline: claimDenied().data.appealDeadline,
    ...overrides,
  },
});

export const decideAppeal = (overrides: Partial<DecideAppeal> = {}): DecideAppeal => ({
  type: 'DecideAppeal',
  outcome: 'OVERTURNED',
  occurredAt: AT.appealDecided,
  ...overrides,
});

export const appealDecided = (overrides: Partial<AppealDecided['data']> = {}): AppealDecided => ({
  type: 'AppealDecided',
  data: { level: 1, outcome: 'OVERTURNED', decidedOn: dateOf(AT.appealDecided), ...overrides },
});
