// What a stored string may hold. PostgreSQL refuses NUL in text and jsonb and cannot encode a lone UTF-16 surrogate
// as UTF-8; other control characters mean nothing in any field and can hide or forge text where it is shown or logged.

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Tab and line feed are text; a carriage return only as the first half of CR LF. */
const CONTROL_IN_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Multi-line free text (reasons, notes) or a single token (ids, codes, references, cursors). */
export type TextKind = 'multiline' | 'token';

/** The rule a string breaks, worded for an error message (which never quotes the value), or undefined. */
export function textRuleBroken(value: string, kind: TextKind): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  if (kind === 'multiline' && CONTROL_IN_MULTILINE.test(value))
    return 'must not contain control characters other than tab and line breaks';
  if (kind === 'token' && CONTROL.test(value)) return 'must not contain control characters';
  return undefined;
}
