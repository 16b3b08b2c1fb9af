import { jest } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { JWK } from 'jose';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { signingKeys, startOidcIssuer, type OidcIssuer } from '../support/oidc-issuer.js';

const HISTORY = `query History($id: ID!) { claimHistory(id: $id) { type metadata { actor } } }`;

/** The token with its payload replaced, the signature kept: what an attacker granting themselves roles sends. */
function tampered(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

/** The same claims, `alg: none` and no signature. */
function unsigned(token: string): string {
  const [, payload] = token.split('.');
  return [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), payload, ''].join(
    '.',
  );
}

describe('authentication against a real OpenID Connect provider', () => {
  let keys: JWK[];
  let idp: OidcIssuer;
  let api: TestApi;

  beforeAll(async () => {
    // The provider warns about its development defaults (in-memory storage, interactions) on the console.
    for (const method of ['warn', 'info'] as const) jest.spyOn(console, method).mockImplementation(() => {});
    keys = await signingKeys();
    idp = await startOidcIssuer(keys);
    api = await startTestApi({
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: 'urn:claimtrail:api',
    });
  });
  afterAll(async () => {
    await api?.close();
    await idp?.close();
    jest.restoreAllMocks();
  });

  const withToken = (token: string) => ({ authorization: `Bearer ${token}` });
  const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => [
    result.errors?.[0]?.extensions?.code,
    result.errors?.[0]?.extensions?.reason,
  ];

  it("accepts the provider's tokens and records the token's subject as the actor, whatever header claims otherwise", async () => {
    const input = submitClaimInput();
    const submitted = await api.gql(
      SUBMIT_CLAIM,
      { input },
      {
        ...withToken(await idp.token('billing-frontend')),
        'x-actor-id': 'someone-else',
      },
    );
    expect(submitted.errors).toBeUndefined();
    const history = await api.gql(
      HISTORY,
      { id: input.claimId },
      withToken(await idp.token('audit-console')),
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.claimHistory[0].metadata.actor).toBe('billing-frontend');
  });

  it('accepts ES256 tokens as well as RS256', async () => {
    const algOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg;
    const es256 = await idp.token('es256-frontend');
    expect([algOf(await idp.token('billing-frontend')), algOf(es256)]).toEqual(['RS256', 'ES256']);
    const result = await api.gql(SUBMIT_CLAIM, { input: submitClaimInput() }, withToken(es256));
    expect(result.errors).toBeUndefined();
  });

  it('refuses a missing, expired, wrong-audience, wrong-issuer, unsigned or tampered token with UNAUTHENTICATED', async () => {
    const good = await idp.token('billing-frontend');
    const shortLived = await idp.token('short-lived');
    const otherAudience = await idp.token('billing-frontend', 'urn:another:api');
    // Another provider signing with the very same keys: only the issuer check tells its tokens apart.
    const impostor = await startOidcIssuer(keys);
    const otherIssuer = await impostor.token('billing-frontend');
    await impostor.close();
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const cases: [string, Record<string, string>, string][] = [
      ['no token', {}, 'MISSING_TOKEN'],
      [
        'not a bearer token',
        { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
        'INVALID_TOKEN',
      ],
      ['garbage', withToken('not.a.jwt'), 'INVALID_TOKEN'],
      ['expired', withToken(shortLived), 'EXPIRED_TOKEN'],
      ['wrong audience', withToken(otherAudience), 'WRONG_AUDIENCE_OR_ISSUER'],
      ['wrong issuer', withToken(otherIssuer), 'WRONG_AUDIENCE_OR_ISSUER'],
      ['alg none', withToken(unsigned(good)), 'INVALID_TOKEN'],
      ['tampered roles', withToken(tampered(good, (claims) => (claims.roles = ['admin']))), 'INVALID_TOKEN'],
      [
        'tampered subject',
        withToken(tampered(good, (claims) => (claims.sub = 'audit-console'))),
        'INVALID_TOKEN',
      ],
    ];
    for (const [name, headers, reason] of cases) {
      const input = submitClaimInput();
      const result = await api.gql(SUBMIT_CLAIM, { input }, { authorization: '', ...headers });
      expect({ name, answer: codeOf(result), data: result.data?.submitClaim ?? null }).toEqual({
        name,
        answer: ['UNAUTHENTICATED', reason],
        data: null,
      });
      expect(JSON.stringify(result)).not.toContain(good.split('.')[1]!);
      // Nothing was written.
      const read = await api.gql(HISTORY, { id: input.claimId }, withToken(await idp.token('audit-console')));
      expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // The good token itself still works.
    expect(
      (await api.gql(SUBMIT_CLAIM, { input: submitClaimInput() }, withToken(good))).errors,
    ).toBeUndefined();
  });

  it('refuses a role the token does not carry with FORBIDDEN, whoever the provider says the caller is', async () => {
    const result = await api.gql(
      SUBMIT_CLAIM,
      { input: submitClaimInput() },
      withToken(await idp.token('analytics-job')),
    );
    expect(codeOf(result)).toEqual(['FORBIDDEN', 'ROLE_REQUIRED']);
    expect(result.errors![0]!.extensions!.roles).toEqual(['biller']);
  });

  it('authenticates WebSocket subscriptions when they connect', async () => {
    const connect = (connectionParams?: Record<string, string>) =>
      new Promise<{ code?: number; data?: unknown }>((resolve) => {
        const client = createClient({
          url: api.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams,
          on: { closed: (event) => resolve({ code: (event as { code: number }).code }) },
        });
        client.subscribe(
          { query: 'subscription { claimEvents { position type } }' },
          {
            next: (message) => {
              resolve({ data: message.data });
              void client.dispose();
            },
            error: () => {},
            complete: () => {},
          },
        );
      });
    expect(await connect()).toEqual({ code: 4403 });
    expect(await connect({ authorization: 'Bearer not.a.jwt' })).toEqual({ code: 4403 });
    expect(await connect(withToken(await idp.token('billing-frontend', 'urn:another:api')))).toEqual({
      code: 4403,
    });
    const analyst = await connect(withToken(await idp.token('analytics-job')));
    expect(analyst.data).toMatchObject({ claimEvents: { type: 'ClaimSubmitted' } });
  });
});
