import { ProblemList } from './x12-problem.js';
import { isSegmentId, tokenize, type Delimiters, type Segment, type SegmentReader } from './x12-tokenizer.js';

/**
 * One ST…SE transaction set handed to a transaction parser. The body is read from the file as the parser
 * iterates it, once, so that no segment outlives its use.
 */
export interface TransactionSet {
  st: Segment;
  body: Iterable<Segment>;
  /** False when its SE never came; known once the body has been read to its end. */
  readonly complete: boolean;
  delimiters: Delimiters;
}

interface OpenGroup {
  gs: Segment;
  transactions: number;
}

interface OpenTransaction<T> {
  st: Segment;
  /** Segments between ST and SE. */
  length: number;
  complete: boolean;
  document: T | undefined;
  /** The parser's, listed after the envelope's as if the set had been parsed only once closed. */
  problems: ProblemList;
}

const ENDS_A_BODY = new Set(['GS', 'GE', 'ST', 'SE', 'IEA']);

/** The interchange's segments less a last one cut off mid-segment, with room to put one back. */
class Segments {
  cut: Segment | undefined;
  private putBackSegment: Segment | undefined;

  constructor(private readonly reader: SegmentReader) {}

  get count(): number {
    return this.reader.count;
  }

  next(): Segment | undefined {
    const putBack = this.putBackSegment;
    if (putBack) {
      this.putBackSegment = undefined;
      return putBack;
    }
    const segment = this.reader.next();
    // A missing terminator after the final IEA is common and harmless; anywhere else it means a cut file.
    if (segment && !this.reader.terminated && segment.id !== 'IEA') {
      this.cut = segment;
      return undefined;
    }
    return segment;
  }

  putBack(segment: Segment): void {
    this.putBackSegment = segment;
  }
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
  const segments = new Segments(tokens.segments);
  const isa = segments.next()!;
  let group: OpenGroup | undefined;
  let transaction: OpenTransaction<T> | undefined;
  let groups = 0;
  let ended = false;

  // Stops at the segment that ends the body and puts it back for the envelope to check.
  function* bodyOf(open: OpenTransaction<T>): Generator<Segment, void> {
    for (let segment = segments.next(); segment; segment = segments.next()) {
      const { id, position } = segment;
      if (!isSegmentId(id)) {
        problems.add('UNEXPECTED_SEGMENT', id.slice(0, 3), position, 'Not a segment identifier.');
      } else if (id === 'ISA') {
        problems.add('UNEXPECTED_SEGMENT', id, position, 'Only one interchange per file is read.');
        continue;
      } else if (ENDS_A_BODY.has(id)) {
        segments.putBack(segment);
        open.complete = id === 'SE';
        return;
      }
      open.length++;
      yield segment;
    }
  }
  const readTransaction = (st: Segment, wanted: boolean): OpenTransaction<T> => {
    const open: OpenTransaction<T> = {
      st,
      length: 0,
      complete: false,
      document: undefined,
      problems: new ProblemList(),
    };
    const body = bodyOf(open);
    if (wanted) {
      open.document = parse(
        {
          st,
          body,
          delimiters,
          get complete() {
            return open.complete;
          },
        },
        open.problems,
      );
    }
    // Whatever the parser left unread still counts towards SE01.
    while (!body.next().done);
    return open;
  };
  const finish = (open: OpenTransaction<T>) => {
    problems.addAll(open.problems);
    if (open.document !== undefined) documents.push(open.document);
  };
  const closeMissingSe = (at: Segment) => {
    if (!transaction) return;
    problems.add(
      'MISSING_SEGMENT',
      'SE',
      at.position,
      `The transaction set is not closed by SE before ${at.id}.`,
    );
    finish(transaction);
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

  // Inside a transaction set bodyOf reads the segments, so here every other one is out of place.
  for (let segment = segments.next(); segment; segment = segments.next()) {
    const { id, position } = segment;
    if (ended) {
      problems.add('UNEXPECTED_SEGMENT', id, position, 'Segment after the IEA interchange trailer.');
      continue;
    }
    if (!isSegmentId(id)) {
      problems.add('UNEXPECTED_SEGMENT', id.slice(0, 3), position, 'Not a segment identifier.');
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
      case 'ST': {
        closeMissingSe(segment);
        if (group) group.transactions++;
        else problems.add('UNEXPECTED_SEGMENT', id, position, 'ST outside a GS functional group.');
        const wanted = segment.fields[1] === transactionSet;
        if (!wanted) {
          problems.add(
            'WRONG_TRANSACTION',
            id,
            position,
            `ST01 is not ${transactionSet}: this parser reads ${transactionSet} transaction sets only.`,
          );
        }
        transaction = readTransaction(segment, wanted);
        break;
      }
      case 'SE': {
        if (!transaction) {
          problems.add('UNEXPECTED_SEGMENT', id, position, 'SE without an ST transaction set header.');
          break;
        }
        const included = transaction.length + 2;
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
        finish(transaction);
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
        problems.add('UNEXPECTED_SEGMENT', id, position, 'Segment outside an ST…SE transaction set.');
    }
  }

  if (!ended) {
    const { cut } = segments;
    const missing = transaction ? 'SE' : group ? 'GE' : 'IEA';
    if (cut) {
      problems.add(
        'TRUNCATED',
        cut.id.slice(0, 3),
        cut.position,
        `The file ends inside a segment, before its terminator and before ${missing}.`,
      );
    } else {
      problems.add('TRUNCATED', missing, segments.count + 1, `The file ends before the ${missing} trailer.`);
    }
  } else if (segments.cut) {
    const { cut } = segments;
    problems.add(
      'UNEXPECTED_SEGMENT',
      cut.id.slice(0, 3),
      cut.position,
      'Text after the IEA interchange trailer.',
    );
  }
  if (transaction) finish(transaction);
  return { problems, documents };
}

function count(text: string | undefined): number {
  return text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
}
