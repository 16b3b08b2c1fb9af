import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

export interface OidcIssuer {
  issuer: string;
  jwksUrl: string;
  /** An access token (a JWT) for a client, by the client-credentials grant, for `resource` (the audience). */
  token(clientId: string, resource?: string): Promise<string>;
  close(): Promise<void>;
}

export const API_RESOURCE = 'urn:claimtrail:api';

/**
 * Clients of the test provider and the roles its tokens carry; short-lived's tokens hold one second, es256-frontend's
 * are signed ES256 (the others' RS256).
 */
export const OIDC_CLIENTS: Record<string, string[]> = {
  'billing-frontend': ['biller'],
  'audit-console': ['auditor'],
  'analytics-job': ['analyst'],
  'short-lived': ['biller'],
  'es256-frontend': ['biller'],
};

/** People who sign in to the dashboard through the provider (any password), and the roles their tokens carry. */
export const OIDC_USERS: Record<string, string[]> = {
  'manager@practice.example': ['biller', 'auditor'],
  'visitor@practice.example': [],
};

/** A browser client: the authorization code flow with PKCE, no secret (a single-page app cannot keep one). */
export interface BrowserClient {
  clientId: string;
  redirectUri: string;
}

/** The keys a provider signs with: one RS256 and one ES256, as real providers rotate between algorithms. */
export async function signingKeys(): Promise<JWK[]> {
  return Promise.all(
    (['RS256', 'ES256'] as const).map(async (alg) => {
      const { privateKey } = await generateKeyPair(alg, { extractable: true });
      return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `test-${alg}` };
    }),
  );
}

/**
 * A real OpenID Connect provider (node-oidc-provider) on a loopback port, issuing JWT access tokens by the
 * client-credentials grant for the API's resource indicator (and for another API's, to test audiences), and, for a
 * browser client, by the authorization code flow through the provider's own sign-in and consent pages.
 */
export async function startOidcIssuer(keys: JWK[], browserClient?: BrowserClient): Promise<OidcIssuer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    jwks: { keys },
    clients: [
      ...Object.keys(OIDC_CLIENTS).map((client_id) => ({
        client_id,
        client_secret: `${client_id}-secret`,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      })),
      ...(browserClient
        ? [
            {
              client_id: browserClient.clientId,
              token_endpoint_auth_method: 'none' as const,
              grant_types: ['authorization_code'],
              response_types: ['code' as const],
              redirect_uris: [browserClient.redirectUri],
              post_logout_redirect_uris: [browserClient.redirectUri],
            },
          ]
        : []),
    ],
    findAccount: (_ctx: unknown, accountId: string) =>
      accountId in OIDC_USERS ? { accountId, claims: () => ({ sub: accountId }) } : undefined,
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string, client: { clientId: string }) => ({
          scope: 'api',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: client.clientId === 'short-lived' ? 1 : 600,
          jwt: { sign: { alg: client.clientId === 'es256-frontend' ? 'ES256' : 'RS256' } },
        }),
      },
    },
    ttl: {
      ClientCredentials: (_ctx: unknown, _token: unknown, client: { clientId: string }) =>
        client.clientId === 'short-lived' ? 1 : 600,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    extraTokenClaims: (_ctx: unknown, token: { clientId?: string; accountId?: string }) => ({
      roles: token.accountId ? OIDC_USERS[token.accountId] : (OIDC_CLIENTS[token.clientId ?? ''] ?? []),
    }),
  });
  server.on('request', provider.callback());
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    async token(clientId: string, resource = API_RESOURCE) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource }),
      });
      const body = (await response.json()) as {
        access_token?: string;
        error?: string;
        error_description?: string;
      };
      if (!body.access_token) throw new Error(`token: ${body.error} ${body.error_description}`);
      return body.access_token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
