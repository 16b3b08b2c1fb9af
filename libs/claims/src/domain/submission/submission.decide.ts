// The front end of the payer: a new claim, acknowledgement, rejection, resubmission, pends and the information
// they ask for.
import {
  ACKNOWLEDGED_STATUS_CODES,
  CLAIM_ID_PATTERN,
  ICD10_PATTERN,
  isValidLocalDate,
  isValidNpi,
  LIMITS,
  LOCAL_DATE_RULE,
  localDateOf,
  MODIFIER_PATTERN,
  PATIENT_REF_PATTERN,
  PAYER_ID_PATTERN,
  PENDED_STATUS_CODE_PATTERN,
  PROCEDURE_CODE_PATTERN,
  REJECTED_STATUS_CODES,
} from '../claim.codes.js';
import { ClaimError, invalid } from '../claim.errors.js';
import { isSealedValue } from '../claim.sealed.js';
import { addDays, insuranceBalance, type PayerRules } from '../claim.money.js';
import type { ClaimState } from '../claim.state.js';
import {
  businessDate,
  checkDate,
  checkId,
  checkOneOf,
  checkText,
  isInt,
  requireStatus,
} from '../claim.validate.js';
import type {
  AcknowledgeClaim,
  NewServiceLine,
  PendClaim,
  RejectClaim,
  ResubmitClaim,
  SubmitAdditionalInfo,
  SubmitClaim,
} from './submission.commands.js';
import {
  RESUBMISSION_FREQUENCIES,
  type AdditionalInfoSubmitted,
  type ClaimAcknowledged,
  type ClaimPended,
  type ClaimRejected,
  type ClaimResubmitted,
  type ClaimSubmitted,
  type ServiceLine,
} from './submission.events.js';

const { ORIGINAL, CORRECTED } = RESUBMISSION_FREQUENCIES;

/** Checks a new claim and builds its event; throws VALIDATION_FAILED naming the first field at fault. */
export function decideSubmitClaim(command: SubmitClaim, state: ClaimState): ClaimSubmitted {
  if (state.status !== 'NONE')
    throw new ClaimError('CLAIM_ALREADY_EXISTS', 'A claim with this id was already submitted', 'claimId');
  if (!CLAIM_ID_PATTERN.test(command.claimId))
    throw invalid('claimId', 'must be 1-38 letters, digits, dots, dashes or underscores');
  if (!PATIENT_REF_PATTERN.test(command.patientRef))
    throw invalid('patientRef', 'must be 1-50 letters, digits, dots, dashes or underscores');
  if (!isValidNpi(command.providerNpi))
    throw invalid('providerNpi', 'must be a 10-digit NPI with a valid check digit');
  if (!PAYER_ID_PATTERN.test(command.payerId))
    throw invalid('payerId', 'must be 2-10 upper-case letters or digits');
  if (
    command.secondaryPayerId !== undefined &&
    (!PAYER_ID_PATTERN.test(command.secondaryPayerId) || command.secondaryPayerId === command.payerId)
  )
    throw invalid('secondaryPayerId', 'must be 2-10 upper-case letters or digits, other than the payer');
  if (command.patientIdentity !== undefined && !isSealedValue(command.patientIdentity))
    throw invalid('patientIdentity', 'must be sealed with the patient key');
  checkPayerRules(command.payerRules);
  const diagnoses = checkDiagnoses(command.diagnoses);
  const serviceLines = checkLines(command.lines, diagnoses.length, localDateOf(command.occurredAt));
  const totalChargeCents = serviceLines.reduce((sum, l) => sum + l.chargeCents, 0);
  const dates = serviceDateRange(serviceLines);
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: command.claimId,
      patientRef: command.patientRef,
      providerNpi: command.providerNpi,
      payerId: command.payerId,
      ...(command.secondaryPayerId !== undefined && { secondaryPayerId: command.secondaryPayerId }),
      ...dates,
      diagnoses,
      lines: serviceLines,
      totalChargeCents,
      submittedAt: command.occurredAt,
      payerRules: command.payerRules,
      timelyFilingDeadline: addDays(dates.serviceDateFrom, command.payerRules.timelyFilingDays),
      ...(command.patientIdentity !== undefined && { patientIdentity: command.patientIdentity }),
    },
  };
}

/** The payer's rules come from configuration, but every deadline is computed from them: check them once here. */
function checkPayerRules(rules: PayerRules): void {
  if (!isInt(rules?.timelyFilingDays, 1, 3650))
    throw invalid('payerRules.timelyFilingDays', 'must be 1-3650 days');
  if (!isInt(rules.responseDays, 1, 365)) throw invalid('payerRules.responseDays', 'must be 1-365 days');
  const windows = rules.appealWindowDays;
  if (
    !Array.isArray(windows) ||
    windows.length < 1 ||
    windows.length > 9 ||
    windows.some((d) => !isInt(d, 1, 3650))
  )
    throw invalid('payerRules.appealWindowDays', 'must list 1-9 appeal levels of 1-3650 days each');
  if (rules.version !== undefined && !isInt(rules.version, 0, Number.MAX_SAFE_INTEGER))
    throw invalid('payerRules.version', 'must be a whole number from 0');
}

function checkDiagnoses(diagnoses: string[]): string[] {
  if (!Array.isArray(diagnoses) || diagnoses.length < 1 || diagnoses.length > LIMITS.maxDiagnoses)
    throw invalid('diagnoses', `must list 1-${LIMITS.maxDiagnoses} ICD-10 codes`);
  diagnoses.forEach((code, i) => {
    if (!ICD10_PATTERN.test(code)) throw invalid(`diagnoses[${i}]`, 'must be an ICD-10-CM code');
  });
  if (new Set(diagnoses.map((d) => d.replace('.', ''))).size !== diagnoses.length)
    throw invalid('diagnoses', 'must not repeat a code');
  return [...diagnoses];
}

/** Numbers and checks service lines; none may be dated after `today`, the business date of the submission. */
function checkLines(lines: NewServiceLine[], diagnosisCount: number, today: string): ServiceLine[] {
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > LIMITS.maxLines)
    throw invalid('lines', `must have 1-${LIMITS.maxLines} service lines`);
  const serviceLines = lines.map((line, i) => checkLine(line, i, diagnosisCount, today));
  if (serviceLines.reduce((sum, l) => sum + l.chargeCents, 0) <= 0)
    throw invalid('lines', 'must charge more than zero in total');
  return serviceLines;
}

function checkLine(line: NewServiceLine, i: number, diagnosisCount: number, today: string): ServiceLine {
  const at = `lines[${i}]`;
  if (!PROCEDURE_CODE_PATTERN.test(line.procedureCode))
    throw invalid(`${at}.procedureCode`, 'must be a CPT or HCPCS code');
  if (!Array.isArray(line.modifiers) || line.modifiers.length > LIMITS.maxModifiers)
    throw invalid(`${at}.modifiers`, `must have at most ${LIMITS.maxModifiers} modifiers`);
  line.modifiers.forEach((m, j) => {
    if (!MODIFIER_PATTERN.test(m)) throw invalid(`${at}.modifiers[${j}]`, 'must be two letters or digits');
  });
  if (!isInt(line.units, 1, LIMITS.maxUnits))
    throw invalid(`${at}.units`, `must be a whole number from 1 to ${LIMITS.maxUnits}`);
  if (!isInt(line.chargeCents, 0, LIMITS.maxLineChargeCents)) {
    throw invalid(`${at}.chargeCents`, `must be whole cents from 0 to ${LIMITS.maxLineChargeCents}`);
  }
  const pointers = line.diagnosisPointers;
  if (!Array.isArray(pointers) || pointers.length < 1 || pointers.length > LIMITS.maxPointers)
    throw invalid(`${at}.diagnosisPointers`, `must have 1-${LIMITS.maxPointers} pointers`);
  if (pointers.some((p) => !isInt(p, 1, diagnosisCount)) || new Set(pointers).size !== pointers.length) {
    throw invalid(`${at}.diagnosisPointers`, 'must point at distinct listed diagnoses (1-based)');
  }
  if (!isValidLocalDate(line.serviceDate)) throw invalid(`${at}.serviceDate`, LOCAL_DATE_RULE);
  if (line.serviceDate > today) throw invalid(`${at}.serviceDate`, 'must not be after the submission date');
  return { lineNumber: i + 1, ...line, modifiers: [...line.modifiers], diagnosisPointers: [...pointers] };
}

/** First and last service dates of the lines. */
function serviceDateRange(lines: ServiceLine[]): { serviceDateFrom: string; serviceDateTo: string } {
  const dates = lines.map((l) => l.serviceDate).sort();
  return { serviceDateFrom: dates[0]!, serviceDateTo: dates[dates.length - 1]! };
}

export function decideAcknowledgeClaim(command: AcknowledgeClaim, state: ClaimState): ClaimAcknowledged {
  const claim = requireStatus(state, command.type, ['SUBMITTED']);
  businessDate(command.occurredAt, claim);
  if (!ACKNOWLEDGED_STATUS_CODES.has(command.statusCode))
    throw invalid('statusCode', 'must be a 277CA acknowledgement category (A1 or A2)');
  return {
    type: 'ClaimAcknowledged',
    data: {
      payerClaimNumber: checkId('payerClaimNumber', command.payerClaimNumber),
      statusCode: command.statusCode,
      acknowledgedAt: command.occurredAt,
    },
  };
}

export function decideRejectClaim(command: RejectClaim, state: ClaimState): ClaimRejected {
  const claim = requireStatus(state, command.type, ['SUBMITTED']);
  businessDate(command.occurredAt, claim);
  if (!REJECTED_STATUS_CODES.has(command.statusCode))
    throw invalid('statusCode', 'must be a front-end rejection category (A3, A4, A6-A8, or 999 R)');
  return {
    type: 'ClaimRejected',
    data: {
      statusCode: command.statusCode,
      reason: checkText('reason', command.reason),
      rejectedAt: command.occurredAt,
    },
  };
}

/**
 * A rejected claim was never filed, so it goes again as an original (frequency 1) within timely filing; a denied or
 * partly paid claim was adjudicated, so it goes as a replacement (frequency 7) of the same claim.
 */
export function decideResubmitClaim(command: ResubmitClaim, state: ClaimState): ClaimResubmitted {
  const claim = requireStatus(state, command.type, ['REJECTED', 'DENIED', 'PARTIALLY_PAID']);
  const today = businessDate(command.occurredAt, claim);
  const frequency = checkOneOf('frequencyCode', command.frequencyCode, [ORIGINAL, CORRECTED]);
  if (claim.status === 'REJECTED') {
    if (frequency !== ORIGINAL)
      throw invalid('frequencyCode', 'must be 1 (original) for a claim the payer rejected');
    if (today > claim.deadlines.timelyFiling)
      throw new ClaimError('DEADLINE_PASSED', 'The timely-filing deadline for this claim has passed');
  } else if (frequency !== CORRECTED) {
    throw invalid('frequencyCode', 'must be 7 (replacement) for a claim the payer adjudicated');
  }
  const reason = checkText('reason', command.reason);
  const diagnoses = command.diagnoses === undefined ? undefined : checkDiagnoses(command.diagnoses);
  const lines =
    command.lines === undefined
      ? undefined
      : checkLines(command.lines, (diagnoses ?? claim.diagnoses).length, today);
  if (diagnoses && !lines && claim.lines.some((l) => l.diagnosisPointers.some((p) => p > diagnoses.length)))
    throw invalid('diagnoses', 'must keep every diagnosis the lines point at');
  const totalChargeCents = lines ? lines.reduce((sum, l) => sum + l.chargeCents, 0) : claim.money.chargeCents;
  const settled = claim.money.chargeCents - insuranceBalance(claim.money);
  if (totalChargeCents < settled)
    throw invalid('lines', 'must charge at least what the payer already settled');
  return {
    type: 'ClaimResubmitted',
    data: {
      frequencyCode: frequency,
      reason,
      resubmittedAt: command.occurredAt,
      ...(diagnoses && { diagnoses }),
      ...(lines && { lines }),
      totalChargeCents,
      ...(lines
        ? serviceDateRange(lines)
        : { serviceDateFrom: claim.serviceDateFrom, serviceDateTo: claim.serviceDateTo }),
    },
  };
}

export function decidePendClaim(command: PendClaim, state: ClaimState): ClaimPended {
  const claim = requireStatus(state, command.type, ['SUBMITTED', 'ACCEPTED']);
  const pendedOn = businessDate(command.occurredAt, claim);
  if (typeof command.statusCode !== 'string' || !PENDED_STATUS_CODE_PATTERN.test(command.statusCode))
    throw invalid('statusCode', 'must be a 277 pending or information-request category (P0-P5, R0-R16)');
  const requested = checkText('requested', command.requested);
  const infoDueDate = checkDate('infoDueDate', command.infoDueDate);
  if (infoDueDate < pendedOn)
    throw invalid('infoDueDate', 'must not be before the date the claim was pended');
  return {
    type: 'ClaimPended',
    data: { statusCode: command.statusCode, requested, infoDueDate, pendedAt: command.occurredAt },
  };
}

export function decideSubmitAdditionalInfo(
  command: SubmitAdditionalInfo,
  state: ClaimState,
): AdditionalInfoSubmitted {
  const claim = requireStatus(state, command.type, ['PENDED']);
  businessDate(command.occurredAt, claim);
  return {
    type: 'AdditionalInfoSubmitted',
    data: { description: checkText('description', command.description), submittedAt: command.occurredAt },
  };
}
