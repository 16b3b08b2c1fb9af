import { ProblemList } from './x12-problem.js';
import { isSegmentId, tokenize, type Delimiters, type Segment } from './x12-tokenizer.js';

/** One ST…SE transaction set handed to a transaction parser; complete is false when its SE never came. */
export interface TransactionSet {
  st: Segment;
  body: Segment[];
  complete: boolean;
  delimiters: Delimiters;
}

interface OpenGroup {
  gs: Segment;
  transactions: number;
}

interface OpenTransaction {
  st: Segment;
  body: Segment[];
  wanted: boolean;
}

/**
 * Walks the ISA/GS/ST envelopes, checks every count and control number, and hands each transaction set
 * whose ST01 is `transactionSet` to `parse`. Only the first interchange of a file is read.
 */
export function readInterchange<T>(
  text: string,
  transactionSet: string,
  parse: (transaction: TransactionSet, problems: ProblemList) => T | undefined,
): { problems: ProblemList; documents: T[] } {
  const problems = new ProblemList();
  const documents: T[] = [];
  const tokens = tokenize(typeof text === 'string' ? text : '');
  if (!tokens.ok) {
    problems.add('NOT_X12', 'ISA', 1, tokens.message);
    return { problems, documents };
  }
  const { delimiters } = tokens;
  // A missing terminator after the final IEA is common and harmless; anywhere else it means a cut file.
  const lastIsIea = tokens.unterminated?.id === 'IEA';
  const segments = lastIsIea ? [...tokens.segments, tokens.unterminated!] : tokens.segments;
  const unterminated = lastIsIea ? undefined : tokens.unterminated;
  const isa = segments[0]!;
  let group: OpenGroup | undefined;
  let transaction: OpenTransaction | undefined;
  let groups = 0;
  let ended = false;

  const finish = (open: OpenTransaction, complete: boolean) => {
    if (!open.wanted) return;
    const document = parse({ st: open.st, body: open.body, complete, delimiters }, problems);
    if (document !== undefined) documents.push(document);
  };
  const closeMissingSe = (at: Segment) => {
    if (!transaction) return;
    problems.add(
      'MISSING_SEGMENT',
      'SE',
      at.position,
      `The transaction set is not closed by SE before ${at.id}.`,
    );
    finish(transaction, false);
    transaction = undefined;
  };
  const closeMissingGe = (at: Segment) => {
    if (!group) return;
    problems.add(
      'MISSING_SEGMENT',
      'GE',
      at.position,
      `The functional group is not closed by GE before ${at.id}.`,
    );
    group = undefined;
  };

  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    const { id, position } = segment;
    if (ended) {
      problems.add('UNEXPECTED_SEGMENT', id, position, 'Segment after the IEA interchange trailer.');
      continue;
    }
    if (!isSegmentId(id)) {
      problems.add('UNEXPECTED_SEGMENT', id.slice(0, 3), position, 'Not a segment identifier.');
      if (transaction) transaction.body.push(segment);
      continue;
    }
    switch (id) {
      case 'ISA':
        problems.add('UNEXPECTED_SEGMENT', id, position, 'Only one interchange per file is read.');
        break;
      case 'GS':
        closeMissingSe(segment);
        closeMissingGe(segment);
        group = { gs: segment, transactions: 0 };
        groups++;
        break;
      case 'GE':
        closeMissingSe(segment);
        if (!group) {
          problems.add('UNEXPECTED_SEGMENT', id, position, 'GE without a GS functional group header.');
          break;
        }
        if (count(segment.fields[1]) !== group.transactions) {
          problems.add(
            'GE_COUNT_MISMATCH',
            id,
            position,
            `GE01 does not equal the ${group.transactions} transaction set(s) in the group.`,
          );
        }
        if ((segment.fields[2] ?? '') !== (group.gs.fields[6] ?? '')) {
          problems.add(
            'GE_CONTROL_MISMATCH',
            id,
            position,
            'GE02 does not equal the GS06 group control number.',
          );
        }
        group = undefined;
        break;
      case 'ST':
        closeMissingSe(segment);
        if (group) group.transactions++;
        else problems.add('UNEXPECTED_SEGMENT', id, position, 'ST outside a GS functional group.');
        transaction = { st: segment, body: [], wanted: segment.fields[1] === transactionSet };
        if (!transaction.wanted) {
          problems.add(
            'WRONG_TRANSACTION',
            id,
            position,
            `ST01 is not ${transactionSet}: this parser reads ${transactionSet} transaction sets only.`,
          );
        }
        break;
      case 'SE': {
        if (!transaction) {
          problems.add('UNEXPECTED_SEGMENT', id, position, 'SE without an ST transaction set header.');
          break;
        }
        const included = transaction.body.length + 2;
        if (count(segment.fields[1]) !== included) {
          problems.add(
            'SE_COUNT_MISMATCH',
            id,
            position,
            `SE01 does not equal the ${included} segments from ST to SE inclusive.`,
          );
        }
        if ((segment.fields[2] ?? '') !== (transaction.st.fields[2] ?? '')) {
          problems.add('SE_CONTROL_MISMATCH', id, position, 'SE02 does not equal the ST02 control number.');
        }
        finish(transaction, true);
        transaction = undefined;
        break;
      }
      case 'IEA':
        closeMissingSe(segment);
        closeMissingGe(segment);
        if (count(segment.fields[1]) !== groups) {
          problems.add(
            'IEA_COUNT_MISMATCH',
            id,
            position,
            `IEA01 does not equal the ${groups} functional group(s) in the interchange.`,
          );
        }
        if ((segment.fields[2] ?? '') !== (isa.fields[13] ?? '')) {
          problems.add(
            'IEA_CONTROL_MISMATCH',
            id,
            position,
            'IEA02 does not equal the ISA13 control number.',
          );
        }
        ended = true;
        break;
      default:
        if (transaction) transaction.body.push(segment);
        else problems.add('UNEXPECTED_SEGMENT', id, position, 'Segment outside an ST…SE transaction set.');
    }
  }

  if (!ended) {
    const cut = unterminated;
    const missing = transaction ? 'SE' : group ? 'GE' : 'IEA';
    const lastPosition = segments[segments.length - 1]!.position;
    if (cut) {
      problems.add(
        'TRUNCATED',
        cut.id.slice(0, 3),
        cut.position,
        `The file ends inside a segment, before its terminator and before ${missing}.`,
      );
    } else {
      problems.add('TRUNCATED', missing, lastPosition + 1, `The file ends before the ${missing} trailer.`);
    }
  } else if (unterminated) {
    const cut = unterminated;
    problems.add(
      'UNEXPECTED_SEGMENT',
      cut.id.slice(0, 3),
      cut.position,
      'Text after the IEA interchange trailer.',
    );
  }
  if (transaction) finish(transaction, false);
  return { problems, documents };
}

function count(text: string | undefined): number {
  return text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
}
