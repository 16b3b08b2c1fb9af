/** One thing wrong with an X12 file, pointed at by segment id and 1-based segment ordinal (ISA = 1). */
export interface X12Problem {
  rule: string;
  segment: string;
  position: number;
  message: string;
}

// Garbage with a valid ISA in front could otherwise yield one problem per byte.
const MAX_PROBLEMS = 500;

export class ProblemList {
  readonly items: X12Problem[] = [];

  add(rule: string, segment: string, position: number, message: string): void {
    if (this.items.length < MAX_PROBLEMS) {
      this.items.push({ rule, segment, position, message });
    } else if (this.items.length === MAX_PROBLEMS) {
      this.items.push({
        rule: 'TOO_MANY_PROBLEMS',
        segment,
        position,
        message: `More than ${MAX_PROBLEMS} problems; the rest are not listed.`,
      });
    }
  }

  /**
   * Adds another list's problems after these. Going through add keeps the cap exact: a full list
   * still holds the first problem past the cap, which is what the TOO_MANY_PROBLEMS entry points at.
   */
  addAll(other: ProblemList): void {
    for (const { rule, segment, position, message } of other.items)
      this.add(rule, segment, position, message);
  }
}
