import { requester } from './api.js';
import { h } from './dom.js';
import { isoDate } from './format.js';
import { LogHeadDocument } from './graphql/generated.js';
import { followClaimEvents, throttle, type LiveStatus } from './live.js';
import { developmentSignIn, type Session, type SignInConfig } from './session.js';
import { claimView } from './views/claim.view.js';
import { denialsView } from './views/denials.view.js';
import { overviewView } from './views/overview.view.js';
import { responseTimesView } from './views/response-times.view.js';
import type { View, ViewContext } from './views/view.js';
import { worklistView } from './views/worklist.view.js';

/** Live events refresh the page at most this often, however many arrive. */
const REFRESH_EVERY_MS = 2_000;

const app = document.getElementById('app')!;

const NAV = [
  ['#/overview', 'AR overview'],
  ['#/denials', 'Denial trends'],
  ['#/response-times', 'Payer response'],
  ['#/worklist', 'Worklist'],
] as const;

function viewFor(hash: string): View {
  const claim = /^#\/claim\/(.+)$/.exec(hash);
  if (claim) return claimView(decodeURIComponent(claim[1]!));
  if (hash === '#/denials') return denialsView();
  if (hash === '#/response-times') return responseTimesView();
  if (hash === '#/worklist') return worklistView();
  return overviewView();
}

function start(session: Session): void {
  const today = isoDate(new Date());
  const status = h('span', { class: 'live', role: 'status' }, 'Connecting…');
  const updated = h('span', { class: 'updated' });
  const main = h('main', { id: 'main', tabindex: -1 });
  const heading = h('h1', { tabindex: -1 });
  const signOut = async () => {
    await session.signOut();
    location.reload();
  };
  const request = requester(session.token, () => void signOut());
  const context: ViewContext = {
    request,
    session,
    today,
    asOf: today,
    at: null,
    setAsOf(day) {
      context.asOf = day;
      void show();
    },
  };
  let view: View | undefined;
  let shown = 0;

  async function show(fromEvent = false): Promise<void> {
    const hash = location.hash || '#/overview';
    if (!fromEvent) {
      view?.destroy?.();
      view = viewFor(hash);
    }
    const current = view!;
    const run = ++shown;
    const body = h('div', { class: 'view', 'aria-busy': 'true' });
    try {
      await current.render(body, context);
    } catch (error) {
      body.replaceChildren(h('p', { role: 'alert', class: 'error' }, (error as Error).message));
    }
    if (run !== shown) return;
    body.removeAttribute('aria-busy');
    heading.textContent = current.title;
    document.title = `${current.title} · ClaimTrail`;
    main.replaceChildren(heading, body);
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    document.querySelectorAll('nav.main a').forEach((a) => {
      if (a.getAttribute('href') === hash) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    if (!fromEvent) heading.focus();
    performance.mark('claimtrail:view-rendered');
  }

  app.replaceChildren(
    h('a', { href: '#main', class: 'skip' }, 'Skip to content'),
    h(
      'header',
      {},
      h('strong', { class: 'brand' }, 'ClaimTrail'),
      h(
        'nav',
        { class: 'main', 'aria-label': 'Reports' },
        h('ul', {}, ...NAV.map(([href, label]) => h('li', {}, h('a', { href }, label)))),
      ),
      h(
        'div',
        { class: 'who' },
        status,
        updated,
        h('span', {}, session.actor),
        h('button', { type: 'button', onclick: () => void signOut() }, 'Sign out'),
      ),
    ),
    main,
  );
  window.addEventListener('hashchange', () => void show());
  // The log's head is asked for just before the first view (the server answers it in under a millisecond), so that
  // what changes after the view was read arrives as a live event. Waiting for it would put the browser's first paint
  // between the two requests; the subscription opens once the view is on screen, so it does not slow the first load.
  const head = request(LogHeadDocument, {}).then(({ claimLogHead }) => claimLogHead ?? undefined);
  // Its refusal (a role without the log) is reported by followClaimEvents below, not as an unhandled rejection.
  head.catch(() => undefined);
  const firstView = show();

  let changed = new Set<string>();
  const refresh = throttle(() => {
    const claims = changed;
    changed = new Set();
    if (view?.changesWith && [...claims].some((id) => view!.changesWith!(id))) void show(true);
  }, REFRESH_EVERY_MS);
  const describe: Record<LiveStatus, string> = {
    live: 'Live',
    connecting: 'Connecting…',
    off: 'Live updates off',
  };
  void firstView.then(() =>
    followClaimEvents(
      head,
      session.token,
      (event) => {
        // A view refreshed for this event, or opened after it, reads a read model that already holds it.
        context.at = event.position;
        changed.add(event.claimId);
        refresh();
      },
      (state, detail) => {
        status.textContent = detail ? `${describe[state]}: ${detail}` : describe[state];
        status.dataset.state = state;
      },
    ).catch((error: Error) => {
      status.textContent = `Live updates off: ${error.message}`;
      status.dataset.state = 'off';
    }),
  );
}

const loadOidc = async (config: Extract<SignInConfig, { signIn: 'oidc' }>) =>
  (await import('./oidc.js')).oidcSignIn(config);

function signInPage(config: SignInConfig, onToken: (token: string) => void, message?: string): HTMLElement {
  const parts: HTMLElement[] = [h('h1', {}, 'Sign in to ClaimTrail')];
  if (message) parts.push(h('p', { role: 'alert', class: 'error' }, message));
  if (config.signIn === 'development-token') {
    const field = h('textarea', {
      id: 'token',
      rows: 4,
      required: true,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    parts.push(
      h(
        'p',
        {},
        'This API runs without an identity provider. Mint a development token and paste it here; a billing manager needs ',
        h('code', {}, 'npm run -s cli -- token --role biller --role auditor --actor <you>'),
        '.',
      ),
      h(
        'form',
        {
          class: 'sign-in',
          onsubmit: (event: Event) => {
            event.preventDefault();
            onToken(field.value);
          },
        },
        h('label', { for: 'token' }, 'Development token'),
        field,
        h('button', { type: 'submit' }, 'Sign in'),
      ),
    );
  } else if (config.signIn === 'oidc') {
    parts.push(
      h('p', {}, `Sign in with your organisation's account (${new URL(config.authority).host}).`),
      h(
        'button',
        { type: 'button', id: 'oidc-sign-in', onclick: async () => (await loadOidc(config)).signIn() },
        'Sign in',
      ),
    );
  } else
    parts.push(h('p', { role: 'alert', class: 'error' }, `Sign-in is not configured: ${config.reason}.`));
  return h('main', { class: 'sign-in-page' }, ...parts);
}

async function boot(): Promise<void> {
  const config = (await (await fetch('/app/config.json')).json()) as SignInConfig;
  if (config.signIn === 'oidc') {
    const session = await (await loadOidc(config)).current();
    if (session) return start(session);
  } else if (config.signIn === 'development-token') {
    const session = developmentSignIn.current();
    if (session) return start(session);
  }
  const render = (message?: string) =>
    app.replaceChildren(
      signInPage(
        config,
        (token) => {
          const session = developmentSignIn.signIn(token);
          if (session) start(session);
          else render('That is not a token, or it has expired: mint a new one.');
        },
        message,
      ),
    );
  render();
}

boot().catch((error: Error) =>
  app.replaceChildren(
    h('p', { role: 'alert', class: 'error' }, `The page could not start: ${error.message}`),
  ),
);
