import { insuranceBalance, isDenialCarc } from '../claim.money.js';
import {
  filingDeadlineOnly,
  recordOf,
  type Appeal,
  type ClaimRecord,
  type ClaimState,
  type Deadlines,
  type Denial,
  type ExistingClaim,
} from '../claim.state.js';
import type { AppealDecided, ClaimAppealed, ClaimDenied } from './denial-appeal.events.js';

/** A denial leaves the money alone: the denied amount stays in AR until it is worked. */
export function onClaimDenied(state: ExistingClaim, data: ClaimDenied['data']): ClaimState {
  const claim = recordOf(state);
  const denial: Denial = {
    groupCode: data.groupCode,
    carc: data.carc,
    rarcs: data.rarcs,
    deniedAmountCents: data.deniedAmountCents,
    lines: data.lines,
    deniedOn: data.deniedOn,
  };
  return {
    ...claim,
    status: 'DENIED',
    denial,
    denials: [...claim.denials, denial],
    adjudicated: true,
    deadlines: {
      ...filingDeadlineOnly(claim),
      appeal: { level: data.nextAppealLevel, deadline: data.appealDeadline },
    },
  };
}

export function onClaimAppealed(state: ExistingClaim, data: ClaimAppealed['data']): ClaimState {
  const claim = recordOf(state);
  const denial = state.status === 'DENIED' ? state.denial : denialOfLatestPayment(claim);
  const appeal: Appeal = {
    level: data.level,
    reason: data.reason,
    appealedOn: data.appealedOn,
    ...(denial && { denial }),
  };
  return {
    ...claim,
    status: 'APPEALED',
    appeal,
    appeals: [...claim.appeals, appeal],
    deadlines: filingDeadlineOnly(claim),
  };
}

/** A partial payment's denied part, as the denial an appeal contests. */
function denialOfLatestPayment(claim: ClaimRecord): Denial | undefined {
  const payment = claim.payments.filter((p) => !p.reversed).at(-1);
  if (!payment) return undefined;
  const denials = payment.adjustments.filter((a) => a.groupCode !== 'PR' && isDenialCarc(a.carc));
  const first = denials[0] ?? payment.adjustments.find((a) => a.groupCode !== 'PR');
  return {
    groupCode: first?.groupCode ?? 'CO',
    carc: first?.carc ?? '',
    rarcs: [...new Set(denials.flatMap((a) => a.rarcs))],
    deniedAmountCents: insuranceBalance(claim.money),
    lines: denials.flatMap((a) =>
      a.lineNumber === undefined
        ? []
        : [
            {
              lineNumber: a.lineNumber,
              groupCode: a.groupCode,
              carc: a.carc,
              rarcs: a.rarcs,
              deniedAmountCents: a.amountCents,
            },
          ],
    ),
    deniedOn: payment.paidDate,
  };
}

/** Overturned: still APPEALED, awaiting the payment. Upheld: DENIED again, with the next level if one is left. */
export function onAppealDecided(state: ExistingClaim, data: AppealDecided['data']): ClaimState {
  if (state.status !== 'APPEALED') return state;
  const claim = recordOf(state);
  const decided: Appeal = { ...state.appeal, outcome: data.outcome, decidedOn: data.decidedOn };
  const appeals = [...claim.appeals.slice(0, -1), decided];
  if (data.outcome !== 'UPHELD') return { ...claim, status: 'APPEALED', appeal: decided, appeals };
  const denial: Denial = state.appeal.denial ??
    claim.denials.at(-1) ?? {
      groupCode: 'CO',
      carc: '',
      rarcs: [],
      deniedAmountCents: insuranceBalance(claim.money),
      lines: [],
      deniedOn: data.decidedOn,
    };
  const next: Deadlines['appeal'] =
    data.nextAppealLevel !== undefined && data.nextAppealDeadline !== undefined
      ? { level: data.nextAppealLevel, deadline: data.nextAppealDeadline }
      : undefined;
  return {
    ...claim,
    status: 'DENIED',
    denial,
    appeals,
    deadlines: { ...filingDeadlineOnly(claim), ...(next && { appeal: next }) },
  };
}
