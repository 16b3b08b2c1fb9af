import {
  CLAIM_ID_PATTERN,
  ICD10_PATTERN,
  isValidLocalDate,
  isValidNpi,
  LIMITS,
  localDateOf,
  MODIFIER_PATTERN,
  PATIENT_REF_PATTERN,
  PAYER_ID_PATTERN,
  PROCEDURE_CODE_PATTERN,
} from './claim.codes.js';
import type { SubmitClaim } from './claim.commands.js';
import { invalid } from './claim.errors.js';
import type { ClaimSubmitted, ServiceLine } from './claim.events.js';

const isInt = (n: unknown, min: number, max: number): boolean =>
  Number.isSafeInteger(n) && (n as number) >= min && (n as number) <= max;

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
  const { diagnoses, lines } = command;
  if (diagnoses.length < 1 || diagnoses.length > LIMITS.maxDiagnoses)
    throw invalid('diagnoses', `must list 1-${LIMITS.maxDiagnoses} ICD-10 codes`);
  diagnoses.forEach((code, i) => {
    if (!ICD10_PATTERN.test(code)) throw invalid(`diagnoses[${i}]`, 'must be an ICD-10-CM code');
  });
  if (new Set(diagnoses.map((d) => d.replace('.', ''))).size !== diagnoses.length)
    throw invalid('diagnoses', 'must not repeat a code');
  if (lines.length < 1 || lines.length > LIMITS.maxLines)
    throw invalid('lines', `must have 1-${LIMITS.maxLines} service lines`);

  const today = localDateOf(command.occurredAt);
  const serviceLines: ServiceLine[] = lines.map((line, i) => {
    const at = `lines[${i}]`;
    if (!PROCEDURE_CODE_PATTERN.test(line.procedureCode))
      throw invalid(`${at}.procedureCode`, 'must be a CPT or HCPCS code');
    if (line.modifiers.length > LIMITS.maxModifiers)
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
    if (pointers.length < 1 || pointers.length > LIMITS.maxPointers)
      throw invalid(`${at}.diagnosisPointers`, `must have 1-${LIMITS.maxPointers} pointers`);
    if (pointers.some((p) => !isInt(p, 1, diagnoses.length)) || new Set(pointers).size !== pointers.length) {
      throw invalid(`${at}.diagnosisPointers`, 'must point at distinct listed diagnoses (1-based)');
    }
    if (!isValidLocalDate(line.serviceDate))
      throw invalid(`${at}.serviceDate`, 'must be a calendar date (YYYY-MM-DD)');
    if (line.serviceDate > today) throw invalid(`${at}.serviceDate`, 'must not be after the submission date');
    return { lineNumber: i + 1, ...line, modifiers: [...line.modifiers], diagnosisPointers: [...pointers] };
  });
  const totalChargeCents = serviceLines.reduce((sum, l) => sum + l.chargeCents, 0);
  if (totalChargeCents <= 0) throw invalid('lines', 'must charge more than zero in total');
  const dates = serviceLines.map((l) => l.serviceDate).sort();
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: command.claimId,
      patientRef: command.patientRef,
      providerNpi: command.providerNpi,
      payerId: command.payerId,
      serviceDateFrom: dates[0]!,
      serviceDateTo: dates[dates.length - 1]!,
      diagnoses: [...diagnoses],
      lines: serviceLines,
      totalChargeCents,
      submittedAt: command.occurredAt,
    },
  };
}
