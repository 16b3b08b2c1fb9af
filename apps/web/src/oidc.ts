import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { tokenSession, type Session, type SignInConfig } from './session.js';

// A module of its own, loaded only where the API names a provider: a local page does not download the library.
/** Production: the provider's authorization code flow with PKCE; the access token is the API's bearer token. */
export function oidcSignIn(config: Extract<SignInConfig, { signIn: 'oidc' }>) {
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/app/`,
    post_logout_redirect_uri: `${location.origin}/app/`,
    response_type: 'code',
    scope: config.scope,
    // The API's audience: providers with resource indicators issue the access token for it.
    extraQueryParams: { resource: config.resource },
    extraTokenParams: { resource: config.resource },
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
  const toSession = (accessToken: string): Session | undefined =>
    tokenSession(accessToken, () => manager.removeUser());
  return {
    async current(): Promise<Session | undefined> {
      const params = new URLSearchParams(location.search);
      if (params.has('code') && params.has('state')) {
        const user = await manager.signinRedirectCallback();
        history.replaceState(null, '', `${location.pathname}${location.hash}`);
        return toSession(user.access_token);
      }
      const user = await manager.getUser();
      return user && !user.expired ? toSession(user.access_token) : undefined;
    },
    signIn: () => manager.signinRedirect(),
  };
}
