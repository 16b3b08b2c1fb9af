import type { ValidationError } from 'class-validator';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Input refused at the edge, before any command runs. */
export class RequestValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`Invalid input: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}

/** A read asked to wait for a position the projection has not reached in time. */
export class ReadModelLaggingError extends Error {
  constructor(
    readonly position: string,
    readonly waitedMs: number,
  ) {
    super(`The read model has not caught up with position ${position} after ${waitedMs} ms; retry shortly`);
    this.name = 'ReadModelLaggingError';
  }
}

/** The process is shutting down: a request it did not take, or a subscription it ended after lastPosition. */
export class ShuttingDownError extends Error {
  constructor(readonly lastPosition?: string) {
    super('The server is shutting down; try again shortly');
    this.name = 'ShuttingDownError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(error.property, field),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** For Nest's ValidationPipe: names each field at fault; class-validator's messages carry no values. */
export const validationExceptionFactory = (errors: ValidationError[]): RequestValidationError =>
  new RequestValidationError(flatten(errors));

export type QueryLimit =
  'MAX_ALIASES' | 'MAX_DEPTH' | 'MAX_DIRECTIVES' | 'MAX_TOKENS' | 'MAX_COST' | 'MAX_SUBSCRIPTIONS';

/** A query refused before it runs because it asks for more than the server's limits allow. */
export class QueryLimitError extends Error {
  constructor(
    readonly limit: QueryLimit,
    message: string,
  ) {
    super(message);
    this.name = 'QueryLimitError';
  }
}
