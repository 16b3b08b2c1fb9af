import { RequestValidationError } from '../errors/api-errors.js';

/** A list's `first` argument: a whole number of rows from 1 to the list's own maximum. */
export function checkPageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max)
    throw new RequestValidationError([{ field: 'first', message: `first must be from 1 to ${max}` }]);
  return first;
}
