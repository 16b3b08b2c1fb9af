import type { ProblemList } from './x12-problem.js';
import type { Segment } from './x12-tokenizer.js';
import { parseAmountCents, parseDate } from './x12-values.js';

/** Reads typed element values from a segment, reporting what is malformed to the problem list. */
export class FieldReader {
  constructor(private readonly problems: ProblemList) {}

  text(segment: Segment, index: number): string {
    return segment.fields[index] ?? '';
  }

  optionalText(segment: Segment, index: number): string | undefined {
    const value = segment.fields[index];
    return value === undefined || value === '' ? undefined : value;
  }

  requiredText(segment: Segment, index: number): string {
    const value = this.text(segment, index);
    if (value === '') this.missing(segment, index);
    return value;
  }

  /** Undefined when absent (reported when required) or malformed (always reported). */
  amount(segment: Segment, index: number, required: boolean): number | undefined {
    const raw = this.text(segment, index);
    if (raw === '') {
      if (required) this.missing(segment, index);
      return undefined;
    }
    const cents = parseAmountCents(raw);
    if (cents === undefined) {
      this.problems.add(
        'BAD_AMOUNT',
        segment.id,
        segment.position,
        `${name(segment, index)} is not a decimal amount with at most two decimals.`,
      );
    }
    return cents;
  }

  date(segment: Segment, index: number, required: boolean): string | undefined {
    const raw = this.text(segment, index);
    if (raw === '') {
      if (required) this.missing(segment, index);
      return undefined;
    }
    return this.dateText(segment, index, raw);
  }

  /** A CCYYMMDD date, or a CCYYMMDD-CCYYMMDD range when qualified RD8. */
  dateRange(segment: Segment, index: number): { from?: string; to?: string } {
    const raw = this.text(segment, index);
    const [from = '', to] = raw.split('-');
    const fromDate = this.dateText(segment, index, from);
    const toDate = to === undefined ? fromDate : this.dateText(segment, index, to);
    return { from: fromDate, to: toDate };
  }

  private dateText(segment: Segment, index: number, raw: string): string | undefined {
    const date = parseDate(raw);
    if (date === undefined) {
      this.problems.add(
        'BAD_DATE',
        segment.id,
        segment.position,
        `${name(segment, index)} is not a CCYYMMDD date.`,
      );
    }
    return date;
  }

  private missing(segment: Segment, index: number): void {
    this.problems.add(
      'MISSING_ELEMENT',
      segment.id,
      segment.position,
      `${name(segment, index)} is required.`,
    );
  }
}

function name(segment: Segment, index: number): string {
  return `${segment.id}${String(index).padStart(2, '0')}`;
}
