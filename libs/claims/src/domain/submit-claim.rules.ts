import {
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
  PROCEDURE_CODE_PATTERN,
} from './claim.codes.js';
import type { NewServiceLine, SubmitClaim } from './claim.commands.js';
import { invalid } from './claim.errors.js';
import { addDays, type PayerRules } from './claim.money.js';
import { isInt } from './claim.validate.js';
import type { ClaimSubmitted, ServiceLine } from './claim.events.js';

/** Checks a new claim and builds its event; throws VALIDATION_FAILED naming the first field at fault. */
export function submittedClaim(command: SubmitClaim): ClaimSubmitted {
  if (!CLAIM_ID_PATTERN.test(command.claimId))
    throw invalid('claimId', 'must be 1-38 letters, digits, dots, dashes or underscores');
  if (!PATIENT_REF_PATTERN.test(command.patientRef))
    throw invalid('patientRef', 'must be 1-50 letters, digits, dots, dashes or underscores');
  if (!isValidNpi(command.providerNpi))
    throw invalid('providerNpi', 'must be a 10-digit NPI with a valid check digit');
  if (!PAYER_ID_PATTERN.test(command.payerId))
    throw invalid('payerId', 'must be 2-10 upper-case letters or digits');
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
      ...dates,
      diagnoses,
      lines: serviceLines,
      totalChargeCents,
      submittedAt: command.occurredAt,
      payerRules: command.payerRules,
      timelyFilingDeadline: addDays(dates.serviceDateFrom, command.payerRules.timelyFilingDays),
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
}

export function checkDiagnoses(diagnoses: string[]): string[] {
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
export function checkLines(lines: NewServiceLine[], diagnosisCount: number, today: string): ServiceLine[] {
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
export function serviceDateRange(lines: ServiceLine[]): { serviceDateFrom: string; serviceDateTo: string } {
  const dates = lines.map((l) => l.serviceDate).sort();
  return { serviceDateFrom: dates[0]!, serviceDateTo: dates[dates.length - 1]! };
}
