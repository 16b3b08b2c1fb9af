export type PayerErrorCode = 'INVALID_PAYER_RULES';

/** A refused payer change. Messages name fields and rules, never values. */
export class PayerError extends Error {
  constructor(
    readonly code: PayerErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PayerError';
  }
}
