import type { TypedDocumentString } from './graphql/generated.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** POST /graphql with the signed-in user's token; the first GraphQL error is thrown with its code. */
export type Request = <TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
) => Promise<TResult>;

export function requester(token: () => Promise<string>, onUnauthenticated: () => void): Request {
  return async (document, variables) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const error = body.errors?.[0];
    if (error) {
      if (error.extensions?.code === 'UNAUTHENTICATED') onUnauthenticated();
      throw new ApiError(error.message, error.extensions?.code);
    }
    return body.data as never;
  };
}
