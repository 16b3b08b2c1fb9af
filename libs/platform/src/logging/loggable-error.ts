/** What may be logged about an error: its class, a library's code and where it was thrown, never its text. */
export interface LoggableError {
  type: string;
  /** A SQLSTATE, a Node system code or a library's own code. */
  code?: string;
  /** Frames only: the first line of a stack repeats the message, which can quote row values. */
  stack?: string;
  cause?: LoggableError;
}

// Codes come from drivers and libraries, never from input; anything else shaped like text is dropped.
const CODE = /^[A-Za-z0-9_]{1,64}$/;

function codeOf(error: object): string | undefined {
  for (const candidate of [
    (error as { code?: unknown }).code,
    (error as { driverError?: { code?: unknown } }).driverError?.code,
  ]) {
    if (typeof candidate === 'string' && CODE.test(candidate)) return candidate;
  }
  return undefined;
}

function typeOf(error: object): string {
  const constructorName = error.constructor?.name;
  // pg names its DatabaseError 'error' (the protocol message), so the class says more than the name.
  if (constructorName && constructorName !== 'Object' && constructorName !== 'Error') return constructorName;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && CODE.test(name) ? name : 'Error';
}

/**
 * An error reduced to what on-call needs and nothing a message, a SQL text, its parameters or PostgreSQL's
 * detail/where/hint could carry: class, code, stack frames, and the same for its cause.
 */
export function loggableError(error: unknown, withStack = true, depth = 0): LoggableError {
  if (error === null || typeof error !== 'object') return { type: typeof error };
  const type = typeOf(error);
  const code = codeOf(error);
  const rawStack = (error as { stack?: unknown }).stack;
  const frames =
    withStack && typeof rawStack === 'string'
      ? rawStack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .join('\n')
      : '';
  const cause = (error as { cause?: unknown }).cause;
  return {
    type,
    ...(code ? { code } : {}),
    ...(frames ? { stack: `${type}\n${frames}` } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: loggableError(cause, false, depth + 1) } : {}),
  };
}

/** One line for a stored status or a health reason: the error's class and code, as loggableError reads them. */
export function errorSummary(error: unknown): string {
  const { type, code } = loggableError(error, false);
  return code ? `${type} (${code})` : type;
}
