/** How a run ended, for an observer: nothing when it resolved, the error when it rejected. */
export type Failure = { error: unknown } | undefined;

/** Runs work and tells `ended` how it went before the caller hears; a rejection still reaches the caller. */
export async function whenSettled<T>(run: () => Promise<T>, ended: (failure: Failure) => void): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    ended({ error });
    throw error;
  }
  ended(undefined);
  return result;
}
