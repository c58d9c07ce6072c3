// The newsroom app: signs in with OpenID Connect (code + PKCE), then the article list, the review
// queue, the editor and the revisions, one screen per address (#/...).
import { beginSignIn, claimsOf, completeSignIn, discover, refresh, saved, signOut } from './auth.js';
import { createApi } from './api.js';
import { articleList, problem } from './views.js';
import { articleEditor } from './editor.js';
import { revisionsView } from './revisions.js';
import { el, show } from './dom.js';

/**
 * Route state <-> hash: #/?section=world&status=draft&q=nato&c=cursor1,cursor2 (the list), #/review
 * (the review queue), #/new, #/articles/slug (the editor), #/articles/slug/revisions?v=3.
 */
export function parseHash(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  if (path === '/new') return { view: 'new' };
  const revisions = /^\/articles\/([^/]+)\/revisions$/.exec(path);
  if (revisions) {
    const v = Number(params.get('v'));
    return { view: 'revisions', slug: decodeURIComponent(revisions[1]), version: Number.isInteger(v) && v > 0 ? v : undefined };
  }
  if (path.startsWith('/articles/')) {
    return { view: 'article', slug: decodeURIComponent(path.slice('/articles/'.length)) };
  }
  return {
    view: path === '/review' ? 'review' : 'list',
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
      try {
        await completeSignIn(config, discovery, params);
      } finally {
        // The one-time code leaves the address bar whether or not the exchange worked, and the
        // callback route gives way to the app's own address.
        history.replaceState(null, '', location.pathname.replace(/callback\/?$/, '') + location.hash);
      }
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
    const user = who['cognito:username'] ?? who.username ?? who.sub ?? '';
    const groups = who['cognito:groups'] ?? [];
    const isEditor = groups.includes(config.editorGroup ?? 'editors');
    document.getElementById('who').textContent = `${who.email ?? user} (${groups.join(', ')})`;
    show(document.getElementById('nav'),
      el('a', { href: '#/', id: 'nav-articles' }, 'Articles'),
      isEditor && el('a', { href: '#/review', id: 'nav-review' }, 'Review queue'),
      el('a', { href: '#/new', id: 'nav-new' }, 'New article'));
    const out = document.getElementById('sign-out');
    out.hidden = false;
    out.addEventListener('click', () => signOut(config, discovery));

    const api = createApi(config.api, tokens);
    // The current screen's check for unsaved work: true when it may be left.
    let mayLeave = () => true;
    let shownHash = location.hash;
    let skipNext = false;
    const LEAVE = 'This article has unsaved changes. Leave anyway? (They stay kept in this browser.)';
    const navigate = (hash, { force = false } = {}) => {
      if (force) mayLeave = () => true;
      location.hash = hash;
    };
    const context = { api, config, user, isEditor, navigate, guard: (check) => { mayLeave = check; } };
    window.addEventListener('beforeunload', (event) => {
      if (!mayLeave()) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
    const render = async () => {
      if (skipNext) {
        skipNext = false;
        return;
      }
      if (location.hash !== shownHash && !mayLeave() && !window.confirm(LEAVE)) {
        skipNext = true;
        location.hash = shownHash;
        return;
      }
      shownHash = location.hash;
      mayLeave = () => true;
      const route = parseHash(location.hash);
      for (const link of document.querySelectorAll('#nav a')) {
        link.toggleAttribute('aria-current', link.getAttribute('href') === (location.hash || '#/'));
      }
      try {
        if (route.view === 'article' || route.view === 'new') {
          await articleEditor(main, context, route.view === 'new' ? null : route.slug);
        } else if (route.view === 'revisions') {
          await revisionsView(main, context, route.slug, route.version);
        } else if (route.view === 'review') {
          await articleList(main, api, config, { status: 'review', cursors: route.cursors },
            (next) => { location.hash = listHash(next).replace('#/', '#/review'); },
            { title: 'Review queue', queue: true });
        } else {
          await articleList(main, api, config, route, (next) => { location.hash = listHash(next); });
        }
        const heading = main.querySelector('h1');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus({ preventScroll: true });
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

if (typeof document !== 'undefined') start();
