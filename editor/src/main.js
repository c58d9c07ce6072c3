// The newsroom app: signs in with OpenID Connect (code + PKCE), then lists and shows articles.
import { beginSignIn, claimsOf, completeSignIn, discover, refresh, saved, signOut } from './auth.js';
import { createApi } from './api.js';
import { articleList, articleView, problem } from './views.js';
import { el, show } from './dom.js';

/** Route state <-> hash: #/?section=world&status=draft&q=nato&c=cursor1,cursor2 and #/articles/slug. */
function parseHash(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  if (path.startsWith('/articles/')) {
    return { view: 'article', slug: decodeURIComponent(path.slice('/articles/'.length)) };
  }
  return {
    view: 'list',
    section: params.get('section') ?? '',
    status: params.get('status') ?? '',
    headline: params.get('q') ?? '',
    cursors: (params.get('c') ?? '').split(',').filter(Boolean),
  };
}

function listHash(state) {
  const params = new URLSearchParams();
  if (state.section) params.set('section', state.section);
  if (state.status) params.set('status', state.status);
  if (state.headline) params.set('q', state.headline);
  if (state.cursors.length) params.set('c', state.cursors.join(','));
  const text = params.toString();
  return `#/${text ? `?${text}` : ''}`;
}

async function start() {
  const main = document.getElementById('main');
  try {
    const config = await (await fetch('/admin/config.json', { credentials: 'omit' })).json();
    const discovery = await discover(config.issuer);
    const params = new URLSearchParams(location.search);
    if (params.has('code') || params.has('error')) {
      await completeSignIn(config, discovery, params);
      history.replaceState(null, '', location.pathname + location.hash);
    }
    if (!saved()?.access_token) {
      show(main, el('h1', {}, 'Sign in'), el('p', {}, 'The newsroom is for editors and contributors.'),
        el('button', { type: 'button', id: 'sign-in', onclick: () => beginSignIn(config, discovery) }, 'Sign in'));
      return;
    }
    const tokens = {
      access: () => saved()?.access_token,
      refresh: () => refresh(config, discovery),
    };
    const idToken = saved()?.id_token;
    const who = idToken ? claimsOf(idToken) : {};
    document.getElementById('who').textContent =
      `${who['cognito:username'] ?? who.username ?? ''} (${(who['cognito:groups'] ?? []).join(', ')})`;
    const out = document.getElementById('sign-out');
    out.hidden = false;
    out.addEventListener('click', () => signOut(config, discovery));

    const api = createApi(config.api, tokens);
    const render = async () => {
      const route = parseHash(location.hash);
      try {
        if (route.view === 'article') {
          await articleView(main, api, route.slug);
        } else {
          await articleList(main, api, config, route, (next) => { location.hash = listHash(next); });
        }
      } catch (error) {
        if (error.status === 401) {
          show(main, el('p', {}, 'Your sign-in has ended.'),
            el('button', { type: 'button', id: 'sign-in', onclick: () => beginSignIn(config, discovery) }, 'Sign in again'));
        } else {
          problem(main, error);
        }
      }
    };
    window.addEventListener('hashchange', render);
    await render();
  } catch (error) {
    problem(main, error);
  }
}

start();
