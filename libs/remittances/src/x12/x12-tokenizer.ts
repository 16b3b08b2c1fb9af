/** The separators an interchange declares in its fixed-length ISA segment. */
export interface Delimiters {
  element: string;
  component: string;
  /** ISA11 from version 00501 on; before that ISA11 is a standards identifier, not a separator. */
  repetition?: string;
  segment: string;
}

/** One segment: fields[0] is the segment id, so fields[n] is element n as the guides number it. */
export interface Segment {
  id: string;
  fields: string[];
  position: number;
}

export type Tokens =
  | { ok: true; delimiters: Delimiters; segments: Segment[]; unterminated?: Segment }
  | { ok: false; message: string };

const ISA_LENGTH = 106;
// ISA plus its 16 elements, each fixed-width; ISA16 is followed by the segment terminator.
const ISA_WIDTHS = [3, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const NOT_A_DELIMITER = /[A-Za-z0-9 ]/;

/** Reads the delimiters from the ISA and splits the text into segments numbered from 1. */
export function tokenize(text: string): Tokens {
  const start = firstNonWhitespace(text);
  if (start < 0 || !text.startsWith('ISA', start)) {
    return { ok: false, message: 'The file does not begin with an ISA interchange header.' };
  }
  if (text.length - start < ISA_LENGTH) {
    return { ok: false, message: 'The file is shorter than the 106-character ISA header.' };
  }
  const isa = text.slice(start, start + ISA_LENGTH);
  const delimiters = delimitersOf(isa);
  if (!delimiters) {
    return {
      ok: false,
      message: 'The ISA header is not 106 fixed-width characters, so its delimiters cannot be read.',
    };
  }

  // indexOf and substring rather than split and a trim: on a 10 MB file this halves the time and the garbage.
  const segments: Segment[] = [];
  let unterminated: Segment | undefined;
  for (let from = start; from < text.length;) {
    const end = text.indexOf(delimiters.segment, from);
    const to = end < 0 ? text.length : end;
    const raw = withoutLineBreaks(text, from, to);
    from = to + 1;
    if (raw === '') continue;
    const fields = raw.split(delimiters.element);
    const segment = { id: fields[0]!, fields, position: segments.length + 1 };
    if (end < 0) unterminated = segment;
    else segments.push(segment);
  }
  return unterminated
    ? { ok: true, delimiters, segments, unterminated: { ...unterminated, position: segments.length + 1 } }
    : { ok: true, delimiters, segments };
}

export function isSegmentId(id: string): boolean {
  return SEGMENT_ID.test(id);
}

function delimitersOf(isa: string): Delimiters | undefined {
  const element = isa[3]!;
  const component = isa[104]!;
  const segment = isa[105]!;
  const fields = isa.slice(0, ISA_LENGTH - 1).split(element);
  if (fields.length !== ISA_WIDTHS.length) return undefined;
  if (fields.some((field, i) => field.length !== ISA_WIDTHS[i])) return undefined;
  const separators = [element, component, segment];
  if (separators.some((d) => NOT_A_DELIMITER.test(d))) return undefined;
  if (new Set(separators).size !== separators.length) return undefined;
  const repetition = isa[82]!;
  const hasRepetition =
    fields[12]! >= '00501' && !NOT_A_DELIMITER.test(repetition) && !separators.includes(repetition);
  return hasRepetition ? { element, component, repetition, segment } : { element, component, segment };
}

function firstNonWhitespace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // space, tab, CR, LF and a byte-order mark may precede the ISA
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a && c !== 0xfeff) return i;
  }
  return -1;
}

// Files are often wrapped one segment per line (~ then CR/LF): the line breaks are not data.
function withoutLineBreaks(text: string, from: number, to: number): string {
  while (from < to && isLineBreak(text.charCodeAt(from))) from++;
  while (to > from && isLineBreak(text.charCodeAt(to - 1))) to--;
  return text.substring(from, to);
}

function isLineBreak(c: number): boolean {
  return c === 0x0d || c === 0x0a;
}
