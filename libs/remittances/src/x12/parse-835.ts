import type {
  Cas,
  Parse835Result,
  ProviderAdjustment,
  Remittance,
  RemittanceClaim,
  RemittancePatient,
  RemittanceLine,
} from './remittance.types.js';
import { readInterchange, type TransactionSet } from './x12-envelope.js';
import { FieldReader } from './x12-fields.js';
import type { ProblemList } from './x12-problem.js';
import type { Segment } from './x12-tokenizer.js';
import { parseQuantity } from './x12-values.js';

/**
 * Parses an X12 835 (005010X221A1) file into remittances and checks its envelopes and its money:
 * every claim, service line and the payment as a whole must balance. Never throws.
 */
export function parse835(text: string): Parse835Result {
  const { problems, documents } = readInterchange(text, '835', readRemittance);
  return problems.items.length === 0
    ? { ok: true, remittances: documents }
    : { ok: false, problems: problems.items, remittances: documents };
}

// Amounts that were missing or malformed: the balance checks skip what they touch instead of
// reporting an imbalance that is only a consequence of the first problem.
interface Unsound {
  claims: Set<RemittanceClaim>;
  lines: Set<RemittanceLine>;
  remittance: boolean;
}

const CAS_TRIPLETS = 6;
const PLB_PAIRS = 6;

function readRemittance(transaction: TransactionSet, problems: ProblemList): Remittance {
  const { st, body, delimiters } = transaction;
  const read = new FieldReader(problems);
  const unsound: Unsound = { claims: new Set(), lines: new Set(), remittance: false };
  const remittance: Remittance = {
    controlNumber: read.text(st, 2),
    payer: { name: '', id: '' },
    payee: { name: '' },
    traceNumber: '',
    paymentMethod: '',
    totalPaidCents: 0,
    creditDebit: 'C',
    paymentDate: '',
    claims: [],
    providerAdjustments: [],
    position: st.position,
  };
  const seen = new Map<string, Segment>();
  let payerIdFromN1: string | undefined;
  let payerIdFromTrn = '';
  let claim: RemittanceClaim | undefined;
  let line: RemittanceLine | undefined;

  const unexpected = (segment: Segment, where: string) =>
    problems.add(
      'UNEXPECTED_SEGMENT',
      segment.id,
      segment.position,
      `${segment.id} is not expected ${where}.`,
    );
  const components = (value: string) => value.split(delimiters.component);

  for (const segment of body) {
    switch (segment.id) {
      case 'BPR': {
        if (seen.has('BPR')) {
          unexpected(segment, 'twice in one 835');
          break;
        }
        seen.set('BPR', segment);
        const total = read.amount(segment, 2, true);
        if (total === undefined) unsound.remittance = true;
        remittance.totalPaidCents = total ?? 0;
        const creditDebit = read.requiredText(segment, 3);
        if (creditDebit === 'D') remittance.creditDebit = 'D';
        else if (creditDebit !== 'C' && creditDebit !== '') {
          problems.add('BAD_CODE', 'BPR', segment.position, 'BPR03 is neither C (credit) nor D (debit).');
        }
        remittance.paymentMethod = read.requiredText(segment, 4);
        remittance.paymentDate = read.date(segment, 16, true) ?? '';
        break;
      }
      case 'TRN':
        if (claim) break;
        seen.set('TRN', segment);
        remittance.traceNumber = read.requiredText(segment, 2);
        payerIdFromTrn = read.text(segment, 3);
        break;
      case 'N1': {
        const code = read.text(segment, 1);
        if (claim) {
          unexpected(segment, 'inside a claim');
        } else if (code === 'PR') {
          seen.set('N1*PR', segment);
          remittance.payer.name = read.requiredText(segment, 2);
          payerIdFromN1 = read.optionalText(segment, 4);
        } else if (code === 'PE') {
          seen.set('N1*PE', segment);
          remittance.payee.name = read.requiredText(segment, 2);
          if (read.text(segment, 3) === 'XX') remittance.payee.npi = read.optionalText(segment, 4);
        }
        break;
      }
      case 'REF':
        if (line && read.text(segment, 1) === '6R') {
          const value = read.text(segment, 2);
          if (/^\d{1,9}$/.test(value)) line.lineNumber = Number(value);
        }
        break;
      case 'LX':
        ({ claim, line } = closeClaim(claim, line, unsound, problems, true));
        break;
      case 'CLP':
        closeClaim(claim, line, unsound, problems, true);
        line = undefined;
        claim = readClaim(segment, read, unsound);
        remittance.claims.push(claim);
        break;
      case 'CAS': {
        const owner = line ?? claim;
        if (!owner) {
          unexpected(segment, 'outside a claim');
          break;
        }
        if (!readCas(segment, read, owner.adjustments)) {
          if (line) unsound.lines.add(line);
          unsound.claims.add(claim!);
        }
        break;
      }
      case 'NM1': {
        if (!claim || line) break;
        const entity = read.text(segment, 1);
        if (entity === 'TT') {
          const id = read.optionalText(segment, 9);
          claim.crossoverPayer = id ? { name: read.text(segment, 3), id } : { name: read.text(segment, 3) };
        } else if (entity === 'QC' || entity === 'IL') {
          claim.patient = patientOf(segment, read, entity, claim.patient);
        }
        break;
      }
      case 'MIA':
      case 'MOA': {
        if (!claim || line) {
          unexpected(segment, 'outside a claim');
          break;
        }
        const indexes = segment.id === 'MIA' ? [5, 20, 21, 22, 23] : [3, 4, 5, 6, 7];
        for (const index of indexes) {
          const code = read.optionalText(segment, index);
          if (code) claim.rarcs.push(code);
        }
        break;
      }
      case 'DTM': {
        const qualifier = read.text(segment, 1);
        if (line) {
          if (qualifier === '472' || (qualifier === '150' && line.serviceDate === undefined)) {
            line.serviceDate = read.date(segment, 2, true);
          }
        } else if (claim) {
          if (qualifier === '232') claim.serviceDateFrom = read.date(segment, 2, true);
          if (qualifier === '233') claim.serviceDateTo = read.date(segment, 2, true);
        }
        break;
      }
      case 'SVC': {
        if (!claim) {
          unexpected(segment, 'outside a claim');
          break;
        }
        if (line) closeLine(line, unsound, problems);
        line = readLine(segment, read, components, unsound);
        claim.lines.push(line);
        break;
      }
      case 'LQ':
        if (line && read.text(segment, 1) === 'HE') {
          const code = read.optionalText(segment, 2);
          if (code) line.rarcs.push(code);
        }
        break;
      case 'PLB':
        ({ claim, line } = closeClaim(claim, line, unsound, problems, true));
        remittance.providerAdjustments.push(...readPlb(segment, read, components, unsound));
        break;
      default:
        // N3, N4, PER, RDM, TS3, TS2, AMT, QTY, CUR and the rest carry nothing this model keeps.
        break;
    }
  }
  const { complete } = transaction;
  closeClaim(claim, line, unsound, problems, complete);

  for (const required of ['BPR', 'TRN', 'N1*PR', 'N1*PE']) {
    if (!seen.has(required)) {
      problems.add(
        'MISSING_SEGMENT',
        required.slice(0, 3).replace('*', ''),
        st.position,
        `The 835 has no ${required} segment.`,
      );
      if (required === 'BPR') unsound.remittance = true;
    }
  }
  remittance.payer.id = payerIdFromN1 ?? payerIdFromTrn;
  if (complete) checkRemittanceBalance(remittance, seen.get('BPR'), unsound, problems);
  return remittance;
}

function readClaim(segment: Segment, read: FieldReader, unsound: Unsound): RemittanceClaim {
  const charge = read.amount(segment, 3, true);
  const paid = read.amount(segment, 4, true);
  const patientResponsibility = read.amount(segment, 5, false);
  const claim: RemittanceClaim = {
    patientControlNumber: read.requiredText(segment, 1),
    statusCode: read.requiredText(segment, 2),
    chargeCents: charge ?? 0,
    paidCents: paid ?? 0,
    adjustments: [],
    lines: [],
    rarcs: [],
    position: segment.position,
  };
  if (patientResponsibility !== undefined) claim.patientResponsibilityCents = patientResponsibility;
  const filingIndicator = read.optionalText(segment, 6);
  if (filingIndicator !== undefined) claim.filingIndicator = filingIndicator;
  const payerClaimNumber = read.optionalText(segment, 7);
  if (payerClaimNumber !== undefined) claim.payerClaimNumber = payerClaimNumber;
  if (charge === undefined || paid === undefined) unsound.claims.add(claim);
  if (paid === undefined) unsound.remittance = true;
  return claim;
}

/** The patient's name from NM1*QC; the member id from NM1*IL (the insured), else from NM1*QC. */
function patientOf(
  segment: Segment,
  read: FieldReader,
  entity: 'QC' | 'IL',
  known: RemittancePatient = {},
): RemittancePatient {
  const memberId = read.optionalText(segment, 9);
  if (entity === 'IL') return memberId ? { ...known, memberId } : known;
  const lastName = read.optionalText(segment, 3);
  const firstName = read.optionalText(segment, 4);
  return {
    ...(lastName && { lastName }),
    ...(firstName && { firstName }),
    ...((known.memberId ?? memberId) && { memberId: known.memberId ?? memberId }),
  };
}

function readLine(
  segment: Segment,
  read: FieldReader,
  components: (value: string) => string[],
  unsound: Unsound,
): RemittanceLine {
  const procedure = components(read.requiredText(segment, 1));
  const charge = read.amount(segment, 2, true);
  const paid = read.amount(segment, 3, true);
  const line: RemittanceLine = {
    procedureCode: procedure[1] ?? '',
    modifiers: procedure.slice(2, 6).filter((modifier) => modifier !== ''),
    chargeCents: charge ?? 0,
    paidCents: paid ?? 0,
    adjustments: [],
    rarcs: [],
    position: segment.position,
  };
  const units = parseQuantity(read.text(segment, 5));
  if (units !== undefined) line.units = units;
  if (charge === undefined || paid === undefined) unsound.lines.add(line);
  return line;
}

/** Adds the segment's adjustments to `adjustments`; false when one of them could not be read. */
function readCas(segment: Segment, read: FieldReader, adjustments: Cas[]): boolean {
  const groupCode = read.requiredText(segment, 1);
  let sound = groupCode !== '';
  for (let triplet = 0; triplet < CAS_TRIPLETS; triplet++) {
    const at = 2 + triplet * 3;
    const carc = read.text(segment, at);
    if (carc === '') {
      if (triplet === 0) {
        read.requiredText(segment, at);
        sound = false;
      }
      continue;
    }
    const amount = read.amount(segment, at + 1, true);
    if (amount === undefined) {
      sound = false;
      continue;
    }
    const quantity = parseQuantity(read.text(segment, at + 2));
    adjustments.push(
      quantity === undefined
        ? { groupCode, carc, amountCents: amount }
        : { groupCode, carc, amountCents: amount, quantity },
    );
  }
  return sound;
}

function readPlb(
  segment: Segment,
  read: FieldReader,
  components: (value: string) => string[],
  unsound: Unsound,
): ProviderAdjustment[] {
  const providerId = read.requiredText(segment, 1);
  const fiscalPeriodDate = read.date(segment, 2, true);
  const adjustments: ProviderAdjustment[] = [];
  for (let pair = 0; pair < PLB_PAIRS; pair++) {
    const at = 3 + pair * 2;
    const identifier = read.text(segment, at);
    if (identifier === '') {
      if (pair === 0) read.requiredText(segment, at);
      continue;
    }
    const [reasonCode = '', reference = ''] = components(identifier);
    const amount = read.amount(segment, at + 1, true);
    if (amount === undefined) {
      unsound.remittance = true;
      continue;
    }
    const adjustment: ProviderAdjustment = {
      providerId,
      reasonCode,
      amountCents: amount,
      position: segment.position,
    };
    if (fiscalPeriodDate !== undefined) adjustment.fiscalPeriodDate = fiscalPeriodDate;
    if (reference !== '') adjustment.reference = reference;
    adjustments.push(adjustment);
  }
  return adjustments;
}

function closeLine(line: RemittanceLine, unsound: Unsound, problems: ProblemList): void {
  if (unsound.lines.has(line)) return;
  const adjusted = sum(line.adjustments);
  if (line.chargeCents - line.paidCents !== adjusted) {
    problems.add(
      'LINE_UNBALANCED',
      'SVC',
      line.position,
      'SVC02 minus SVC03 does not equal the sum of the service line CAS adjustments.',
    );
  }
}

function closeClaim(
  claim: RemittanceClaim | undefined,
  line: RemittanceLine | undefined,
  unsound: Unsound,
  problems: ProblemList,
  finished: boolean,
): { claim: undefined; line: undefined } {
  // A cut file's last claim may be missing its adjustments: nothing to conclude about its balance.
  if (!finished) return { claim: undefined, line: undefined };
  if (line) closeLine(line, unsound, problems);
  if (claim && !unsound.claims.has(claim)) {
    const adjusted = sum(claim.adjustments) + claim.lines.reduce((total, l) => total + sum(l.adjustments), 0);
    if (claim.chargeCents - claim.paidCents !== adjusted) {
      problems.add(
        'CLAIM_UNBALANCED',
        'CLP',
        claim.position,
        'CLP03 minus CLP04 does not equal the sum of the claim and service line CAS adjustments.',
      );
    }
  }
  return { claim: undefined, line: undefined };
}

function checkRemittanceBalance(
  remittance: Remittance,
  bpr: Segment | undefined,
  unsound: Unsound,
  problems: ProblemList,
): void {
  if (!bpr || unsound.remittance) return;
  const paid = remittance.claims.reduce((total, claim) => total + claim.paidCents, 0);
  const withheld = remittance.providerAdjustments.reduce((total, plb) => total + plb.amountCents, 0);
  // BPR03 D: the provider is debited, so the net of claims and PLB is the negative of BPR02.
  const expected = remittance.creditDebit === 'D' ? -remittance.totalPaidCents : remittance.totalPaidCents;
  if (paid - withheld !== expected) {
    problems.add(
      'REMITTANCE_UNBALANCED',
      'BPR',
      bpr.position,
      'BPR02 does not equal the sum of CLP04 claim payments minus the PLB provider adjustments.',
    );
  }
}

function sum(adjustments: Cas[]): number {
  return adjustments.reduce((total, adjustment) => total + adjustment.amountCents, 0);
}
