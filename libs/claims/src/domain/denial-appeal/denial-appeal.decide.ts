// Denials and appeals: what the payer refused, and the levels and deadlines to contest it.
import { appealWindow } from '../claim.deadlines.js';
import { ClaimError, invalid } from '../claim.errors.js';
import { insuranceBalance } from '../claim.money.js';
import type { ClaimState, ExistingClaim } from '../claim.state.js';
import {
  businessDate,
  checkCarc,
  checkCents,
  checkGroup,
  checkList,
  checkOneOf,
  checkRarcs,
  checkText,
  isInt,
  refuse,
  requireStatus,
} from '../claim.validate.js';
import type { AppealClaim, DecideAppeal, DenyClaim, LineDenialInput } from './denial-appeal.commands.js';
import {
  APPEAL_OUTCOMES,
  type AppealDecided,
  type ClaimAppealed,
  type ClaimDenied,
  type LineDenial,
} from './denial-appeal.events.js';

export function decideDenyClaim(command: DenyClaim, state: ClaimState): ClaimDenied {
  const claim = requireStatus(state, command.type, ['SUBMITTED', 'ACCEPTED', 'PENDED']);
  const deniedOn = businessDate(command.occurredAt, claim);
  const groupCode = checkGroup('groupCode', command.groupCode);
  const carc = checkCarc('carc', command.carc);
  const rarcs = checkRarcs('rarcs', command.rarcs);
  // CARC 16 says only "missing information"; the remark codes say which, and the biller needs them to fix it.
  if (carc === '16' && rarcs.length === 0)
    throw invalid('rarcs', 'must name the missing information for CARC 16');
  const deniedAmountCents = checkCents(
    'deniedAmountCents',
    command.deniedAmountCents,
    1,
    insuranceBalance(claim.money),
  );
  const lines = checkLineDenials(command.lines, claim);
  if (lines.reduce((sum, l) => sum + l.deniedAmountCents, 0) > deniedAmountCents)
    throw invalid('lines', 'must not deny more in total than the claim denial');
  const appeal = appealWindow(claim.payerRules, 1, deniedOn)!;
  return {
    type: 'ClaimDenied',
    data: {
      payerId: claim.payerId,
      providerNpi: claim.providerNpi,
      groupCode,
      carc,
      rarcs,
      deniedAmountCents,
      lines,
      deniedOn,
      firstAdjudication: !claim.adjudicated,
      nextAppealLevel: appeal.level,
      appealDeadline: appeal.deadline,
    },
  };
}

function checkLineDenials(input: LineDenialInput[], claim: ExistingClaim): LineDenial[] {
  const lines = checkList<LineDenialInput>('lines', input, claim.lines.length);
  const seen = new Set<number>();
  return lines.map((line, i) => {
    const at = `lines[${i}]`;
    const serviceLine = claim.lines.find((l) => l.lineNumber === line.lineNumber);
    if (!serviceLine || seen.has(line.lineNumber))
      throw invalid(`${at}.lineNumber`, 'must be a distinct line number of the claim');
    seen.add(line.lineNumber);
    return {
      lineNumber: line.lineNumber,
      groupCode: checkGroup(`${at}.groupCode`, line.groupCode),
      carc: checkCarc(`${at}.carc`, line.carc),
      rarcs: checkRarcs(`${at}.rarcs`, line.rarcs),
      deniedAmountCents: checkCents(
        `${at}.deniedAmountCents`,
        line.deniedAmountCents,
        1,
        serviceLine.chargeCents,
      ),
    };
  });
}

export function decideAppealClaim(command: AppealClaim, state: ClaimState): ClaimAppealed {
  const claim = requireStatus(state, command.type, ['DENIED', 'PARTIALLY_PAID']);
  const appealedOn = businessDate(command.occurredAt, claim);
  const open = claim.deadlines.appeal;
  if (!open) throw refuse(command.type, 'no further appeal level is open for this claim');
  if (!isInt(command.level, 1, claim.payerRules.appealWindowDays.length) || command.level !== open.level)
    throw invalid('level', 'must be the next appeal level open for this claim');
  const reason = checkText('reason', command.reason);
  if (appealedOn > open.deadline)
    throw new ClaimError('DEADLINE_PASSED', 'The deadline to file this appeal level has passed', 'level');
  return {
    type: 'ClaimAppealed',
    data: { level: open.level, reason, appealedOn, appealDeadline: open.deadline },
  };
}

export function decideDecideAppeal(command: DecideAppeal, state: ClaimState): AppealDecided {
  const claim = requireStatus(state, command.type, ['APPEALED']);
  if (claim.appeal.outcome !== undefined) throw refuse(command.type, 'the appeal was already decided');
  const decidedOn = businessDate(command.occurredAt, claim);
  if (decidedOn < claim.appeal.appealedOn)
    throw invalid('occurredAt', 'must not be before the appeal was filed');
  const outcome = checkOneOf('outcome', command.outcome, APPEAL_OUTCOMES);
  const { level } = claim.appeal;
  const next = outcome === 'UPHELD' ? appealWindow(claim.payerRules, level + 1, decidedOn) : undefined;
  return {
    type: 'AppealDecided',
    data: {
      level,
      outcome,
      decidedOn,
      ...(next && { nextAppealLevel: next.level, nextAppealDeadline: next.deadline }),
    },
  };
}
