import type { ApiErrorCode } from './api-error-code.js';

/** What a client is told about an error. */
export interface ApiErrorAnswer {
  code: ApiErrorCode;
  message: string;
  reason?: string;
  field?: string;
  /** More machine-readable detail (no values from the request: they may be patient data). */
  extensions?: Record<string, unknown>;
}

export interface ErrorReason {
  code: ApiErrorCode;
  reason: string;
  meaning: string;
}

/**
 * One library's errors as the API answers them. Each library declares its own; the formatter applies them all, and
 * the README's table of codes is generated from their reasons.
 */
export interface ErrorMapping {
  /** The answer for one of this library's errors, or undefined for any other error. */
  answer(error: unknown): ApiErrorAnswer | undefined;
  readonly reasons: readonly ErrorReason[];
}

/**
 * The usual mapping: one error class whose instances carry a reason from a closed set; the records are exhaustive
 * over that set, so a new reason nobody mapped or described fails to compile.
 */
export function errorMapping<E extends Error, R extends string>(spec: {
  errorClass: abstract new (...args: never[]) => E;
  reasonOf(error: E): R;
  codes: Record<R, ApiErrorCode>;
  meanings: Record<R, string>;
  fieldOf?(error: E): string | undefined;
  extensionsOf?(error: E): Record<string, unknown>;
}): ErrorMapping {
  return {
    answer(error) {
      if (!(error instanceof spec.errorClass)) return undefined;
      const reason = spec.reasonOf(error);
      return {
        code: spec.codes[reason],
        message: error.message,
        reason,
        field: spec.fieldOf?.(error),
        extensions: spec.extensionsOf?.(error),
      };
    },
    reasons: (Object.keys(spec.codes) as R[]).map((reason) => ({
      code: spec.codes[reason],
      reason,
      meaning: spec.meanings[reason],
    })),
  };
}
