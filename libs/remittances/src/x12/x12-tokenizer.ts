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
  { ok: true; delimiters: Delimiters; segments: SegmentReader } | { ok: false; message: string };

const ISA_LENGTH = 106;
// ISA plus its 16 elements, each fixed-width; ISA16 is followed by the segment terminator.
const ISA_WIDTHS = [3, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const NOT_A_DELIMITER = /[A-Za-z0-9 ]/;
// Enough for every id and code of a real file; random bytes would otherwise fill it with noise.
const MAX_SHORT_FIELDS = 4096;

/** Reads the delimiters from the ISA and hands out a reader of the segments that follow, numbered from 1. */
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
  return { ok: true, delimiters, segments: new SegmentReader(text, delimiters, start) };
}

/**
 * The segments of a file one at a time, so that each can be dropped once read: holding all of a 10 MB
 * file's segments at once spends most of the parse in garbage collection.
 */
export class SegmentReader {
  private from: number;
  private read = 0;
  private readonly elementCode: number;
  private readonly shortFields = new Map<number, string>();
  /** False when the segment last read ran to the end of the text without a terminator. */
  terminated = true;

  constructor(
    private readonly text: string,
    private readonly delimiters: Delimiters,
    start: number,
  ) {
    this.from = start;
    this.elementCode = delimiters.element.charCodeAt(0);
  }

  /** How many segments have been read, which is the position of the last one. */
  get count(): number {
    return this.read;
  }

  next(): Segment | undefined {
    const { text } = this;
    while (this.from < text.length) {
      const end = text.indexOf(this.delimiters.segment, this.from);
      let from = this.from;
      let to = end < 0 ? text.length : end;
      this.from = to + 1;
      // Files are often wrapped one segment per line (~ then CR/LF): the line breaks are not data.
      while (from < to && isLineBreak(text.charCodeAt(from))) from++;
      while (to > from && isLineBreak(text.charCodeAt(to - 1))) to--;
      if (from === to) continue;
      this.terminated = end >= 0;
      const fields = this.fieldsOf(from, to);
      return { id: fields[0]!, fields, position: ++this.read };
    }
    return undefined;
  }

  // What split would give for the segment's text without making that text first, in half the time.
  private fieldsOf(from: number, to: number): string[] {
    const { text, elementCode } = this;
    const fields: string[] = [];
    let fieldFrom = from;
    for (let i = from; i < to; i++) {
      if (text.charCodeAt(i) === elementCode) {
        fields.push(this.field(fieldFrom, i));
        fieldFrom = i + 1;
      }
    }
    fields.push(this.field(fieldFrom, to));
    return fields;
  }

  // Segment ids and codes repeat on every line: sharing one string for each short field keeps
  // hundreds of thousands of copies out of the result and the garbage, as split did for two characters.
  private field(from: number, to: number): string {
    const { text } = this;
    if (to - from !== 2 && to - from !== 3) return text.substring(from, to);
    let key = to - from;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return text.substring(from, to);
      key = key * 0x80 + c;
    }
    let field = this.shortFields.get(key);
    if (field === undefined) {
      field = text.substring(from, to);
      if (this.shortFields.size < MAX_SHORT_FIELDS) this.shortFields.set(key, field);
    }
    return field;
  }
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

function isLineBreak(c: number): boolean {
  return c === 0x0d || c === 0x0a;
}
