import type {
  Acknowledgement,
  ClaimStatus,
  ClaimStatusLine,
  ClaimStatusReport,
  Parse277Result,
} from './claim-acknowledgement.types.js';
import { readInterchange, type TransactionSet } from './x12-envelope.js';
import { FieldReader } from './x12-fields.js';
import type { ProblemList } from './x12-problem.js';
import type { Segment } from './x12-tokenizer.js';

/**
 * Parses an X12 277CA claim acknowledgement (005010X214) into the status of each claim and line,
 * and checks its envelopes. Never throws.
 */
export function parse277ca(text: string): Parse277Result {
  const { problems, documents } = readInterchange(text, '277', readAcknowledgement);
  return problems.items.length === 0
    ? { ok: true, acknowledgements: documents }
    : { ok: false, problems: problems.items, acknowledgements: documents };
}

// HL03 level codes of the 277CA hierarchy.
const INFORMATION_SOURCE = '20';
const PATIENT = 'PT';
// STC01, then STC10 and STC11: up to three statuses per STC segment.
const STATUS_ELEMENTS = [1, 10, 11];

function readAcknowledgement(transaction: TransactionSet, problems: ProblemList): Acknowledgement {
  const { st, body, delimiters } = transaction;
  const read = new FieldReader(problems);
  const acknowledgement: Acknowledgement = {
    controlNumber: read.text(st, 2),
    payer: { name: '' },
    claims: [],
    position: st.position,
  };
  let level: string | undefined;
  let payerFrom: string | undefined;
  let claim: ClaimStatusReport | undefined;
  let claimHl: Segment | undefined;
  let line: ClaimStatusLine | undefined;

  const closeClaim = () => {
    if (claim && claimHl && claim.patientControlNumber === '') {
      problems.add(
        'MISSING_SEGMENT',
        'TRN',
        claimHl.position,
        'The claim (HL*PT) has no TRN patient control number.',
      );
    }
    claim = undefined;
    claimHl = undefined;
    line = undefined;
  };

  for (const segment of body) {
    switch (segment.id) {
      case 'HL':
        closeClaim();
        level = read.text(segment, 3);
        if (level === PATIENT) {
          claimHl = segment;
          claim = { patientControlNumber: '', statuses: [], lines: [], position: segment.position };
          acknowledgement.claims.push(claim);
        }
        break;
      case 'NM1': {
        const entity = read.text(segment, 1);
        if (level === INFORMATION_SOURCE && (entity === 'PR' || (entity === 'AY' && payerFrom !== 'PR'))) {
          payerFrom = entity;
          const id = read.optionalText(segment, 9);
          acknowledgement.payer = id ? { name: read.text(segment, 3), id } : { name: read.text(segment, 3) };
        }
        break;
      }
      case 'DTP': {
        const qualifier = read.text(segment, 1);
        if (level === INFORMATION_SOURCE && qualifier === '050') {
          acknowledgement.receivedDate = read.date(segment, 3, true);
        } else if (claim && !line && qualifier === '472') {
          const { from, to } = read.dateRange(segment, 3);
          if (from !== undefined) claim.serviceDateFrom = from;
          if (to !== undefined) claim.serviceDateTo = to;
        }
        break;
      }
      case 'TRN':
        if (claim && !line) claim.patientControlNumber = read.requiredText(segment, 2);
        break;
      case 'REF':
        if (claim && !line && read.text(segment, 1) === '1K') {
          const value = read.optionalText(segment, 2);
          if (value !== undefined) claim.payerClaimNumber = value;
        }
        break;
      case 'STC': {
        if (!level) {
          problems.add('UNEXPECTED_SEGMENT', 'STC', segment.position, 'STC before any HL level.');
          break;
        }
        if (!claim) break; // batch and provider level statuses: not about one claim
        const statuses = readStatuses(segment, read, delimiters.component);
        if (line) {
          line.statuses.push(...statuses);
        } else {
          if (claim.statuses.length === 0 && statuses[0]?.amountCents !== undefined) {
            claim.chargeCents = statuses[0].amountCents;
          }
          claim.statuses.push(...statuses);
        }
        break;
      }
      case 'SVC': {
        if (!claim) {
          problems.add('UNEXPECTED_SEGMENT', 'SVC', segment.position, 'SVC outside a claim (HL*PT).');
          break;
        }
        const procedure = read.requiredText(segment, 1).split(delimiters.component);
        line = {
          procedureCode: procedure[1] ?? '',
          chargeCents: read.amount(segment, 2, true) ?? 0,
          statuses: [],
          position: segment.position,
        };
        claim.lines.push(line);
        break;
      }
      default:
        // BHT, QTY, AMT and the rest carry nothing this model keeps.
        break;
    }
  }
  closeClaim();
  if (payerFrom === undefined) {
    problems.add('MISSING_SEGMENT', 'NM1', st.position, 'The 277 has no NM1*PR information source.');
  }
  return acknowledgement;
}

function readStatuses(segment: Segment, read: FieldReader, component: string): ClaimStatus[] {
  const effectiveDate = read.date(segment, 2, false);
  const amountCents = read.amount(segment, 4, false);
  const statuses: ClaimStatus[] = [];
  for (const index of STATUS_ELEMENTS) {
    const raw = read.text(segment, index);
    if (raw === '') {
      if (index === 1) read.requiredText(segment, index);
      continue;
    }
    const [category = '', code = '', entity = ''] = raw.split(component);
    const status: ClaimStatus = { category, code };
    if (entity !== '') status.entity = entity;
    if (effectiveDate !== undefined) status.effectiveDate = effectiveDate;
    if (amountCents !== undefined) status.amountCents = amountCents;
    statuses.push(status);
  }
  return statuses;
}
