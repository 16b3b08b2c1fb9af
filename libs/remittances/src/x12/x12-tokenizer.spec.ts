import fc from 'fast-check';
import { tokenize, type Segment } from './x12-tokenizer.js';
import { fixture } from './x12-fixtures.testing.js';

interface Read {
  segments: Segment[];
  unterminated?: Segment;
}

// The tokenizer as it was before it read segments one at a time: split on the segment terminator,
// trim line breaks, split on the element separator.
function splitting(text: string, start: number, segment: string, element: string): Read {
  const segments: Segment[] = [];
  let unterminated: Segment | undefined;
  const pieces = text.slice(start).split(segment);
  for (const [i, piece] of pieces.entries()) {
    const raw = piece.replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (raw === '') continue;
    const fields = raw.split(element);
    const read = { id: fields[0]!, fields, position: segments.length + 1 };
    if (i === pieces.length - 1) unterminated = read;
    else segments.push(read);
  }
  return unterminated ? { segments, unterminated } : { segments };
}

function reading(text: string): Read {
  const tokens = tokenize(text);
  if (!tokens.ok) throw new Error(tokens.message);
  const segments: Segment[] = [];
  for (let segment = tokens.segments.next(); segment; segment = tokens.segments.next()) {
    if (!tokens.segments.terminated) return { segments, unterminated: segment };
    segments.push(segment);
  }
  return { segments };
}

describe('tokenize', () => {
  const valid = fixture('835-multi-claim-service-lines.835');
  const isa = valid.slice(0, 106);

  it('reads the segments of a file one by one, numbered from the ISA', () => {
    const { segments, unterminated } = reading(valid);
    expect(unterminated).toBeUndefined();
    expect(segments[0]).toEqual({ id: 'ISA', fields: isa.slice(0, 105).split('*'), position: 1 });
    expect(segments.at(-1)).toMatchObject({ id: 'IEA', fields: ['IEA', '1', '000000107'] });
  });

  it('splits exactly as splitting the whole text would, whatever follows the ISA', () => {
    const pieces = ['~', '*', ':', '\r', '\n', '\r\n', 'CAS', 'CO', '45', 'SE', 'é', '€', '😀', ' ', ''];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4, unit: 'binary' })), {
        maxLength: 60,
      })
      .map((parts) => isa + parts.join(''));
    fc.assert(
      fc.property(fc.constantFrom('', ' \r\n', '\uFEFF'), text, (before, after) => {
        expect(reading(before + after)).toEqual(splitting(before + after, before.length, '~', '*'));
      }),
      { numRuns: 2000 },
    );
  });
});
