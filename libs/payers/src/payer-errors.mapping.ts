import { errorMapping } from '@claimtrail/platform';
import { PayerError } from './domain/payer.errors.js';

/** A refused payer change, as the API answers it: the domain's code is the reason. */
export const payerErrorMapping = errorMapping({
  errorClass: PayerError,
  reasonOf: (error) => error.code,
  fieldOf: (error) => error.field,
  codes: { INVALID_PAYER_RULES: 'BAD_USER_INPUT' },
  meanings: {
    INVALID_PAYER_RULES:
      "A payer's id, name or deadlines break a rule (format, range, number of appeal levels).",
  },
});
