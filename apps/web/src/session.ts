/** /app/config.json: how this API wants its users to sign in. */
export type SignInConfig =
  | { signIn: 'development-token' }
  | { signIn: 'oidc'; authority: string; clientId: string; scope: string; resource: string }
  | { signIn: 'unavailable'; reason: string };

export interface Session {
  actor: string;
  roles: string[];
  token(): Promise<string>;
  signOut(): Promise<void>;
}

const DEV_TOKEN_KEY = 'claimtrail.devToken';

/** The token's claims, read for display and defaults only: the API checks the signature on every request. */
export function claimsOf(token: string): { sub?: string; roles?: unknown; exp?: number } {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

const rolesOf = (roles: unknown) =>
  Array.isArray(roles) ? roles.map(String) : typeof roles === 'string' ? roles.split(' ') : [];

export function tokenSession(token: string, forget: () => Promise<void>): Session | undefined {
  const claims = claimsOf(token);
  if (!claims.sub || (claims.exp !== undefined && claims.exp * 1000 <= Date.now())) return undefined;
  return { actor: claims.sub, roles: rolesOf(claims.roles), token: async () => token, signOut: forget };
}

/** Local development: a token minted by `claimtrail token`, kept for this browser tab only. */
export const developmentSignIn = {
  current(): Session | undefined {
    const token = sessionStorage.getItem(DEV_TOKEN_KEY);
    return token ? tokenSession(token, async () => sessionStorage.removeItem(DEV_TOKEN_KEY)) : undefined;
  },
  signIn(token: string): Session | undefined {
    const session = tokenSession(token.trim(), async () => sessionStorage.removeItem(DEV_TOKEN_KEY));
    if (session) sessionStorage.setItem(DEV_TOKEN_KEY, token.trim());
    return session;
  },
};
