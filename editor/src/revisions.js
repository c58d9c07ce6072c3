// An article's earlier versions: the list, a diff of one against the current version, restore.
import { el, show } from './dom.js';
import { ApiError } from './api.js';
import { describeInstant } from './article.js';
import { diffBlock } from './diffview.js';

export async function revisionsView(main, context, slug, selected) {
  const { api, config } = context;
  const zone = config.timeZone ?? 'UTC';
  show(main, el('p', { class: 'muted' }, 'Loading the revisions…'));
  const [current, list] = await Promise.all([api.get(slug), api.revisions(slug)]);
  const editorHref = `#/articles/${encodeURIComponent(slug)}`;
  const chosen = selected ?? list.revisions[0]?.version;
  const status = el('p', { id: 'restore-state', role: 'status' });

  const table = list.revisions.length === 0
    ? el('p', { class: 'muted', id: 'no-revisions' }, 'No earlier versions: the article has not been changed since it was created.')
    : el('table', { id: 'revisions' },
      el('caption', {}, `Earlier versions (the current one is version ${current.version})`),
      el('thead', {}, el('tr', {}, ['Version', 'Saved', 'Headline', 'Compare'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, list.revisions.map((r) => el('tr', { 'data-version': r.version, class: r.version === chosen ? 'chosen' : undefined },
        el('td', {}, String(r.version)),
        el('td', {}, r.updatedAt ? describeInstant(r.updatedAt, zone) : ''),
        el('td', {}, r.headline ?? ''),
        el('td', {}, r.version === chosen ? el('span', { 'aria-current': 'true' }, 'Shown below')
          : el('a', { href: `${editorHref}/revisions?v=${r.version}`, class: 'compare' }, `Compare version ${r.version}`))))));

  show(main,
    el('p', {}, el('a', { href: editorHref }, '← Back to the article')),
    el('h1', {}, `Revisions: ${current.headline}`),
    table, status, el('div', { id: 'revision' }));

  if (chosen === undefined) return;
  const revision = await api.revision(slug, chosen);
  const restore = el('button', { type: 'button', id: 'restore', class: 'primary', onclick: async () => {
    restore.disabled = true;
    status.textContent = `Restoring version ${chosen}…`;
    try {
      const restored = await api.restore(slug, chosen, current.version);
      status.textContent = `Version ${chosen} restored as version ${restored.version}.`;
      context.navigate(editorHref, { force: true });
    } catch (error) {
      restore.disabled = false;
      status.textContent = error instanceof ApiError && error.status === 412
        ? 'Someone else saved the article meanwhile: reload this page and compare again.'
        : `Not restored: ${error.message}`;
    }
  } }, `Restore version ${chosen}`);
  show(document.getElementById('revision'),
    el('h2', {}, `Version ${chosen} against the current version ${current.version}`),
    el('p', { class: 'help' }, `Removed lines are in version ${chosen} and not in the current one; `
      + 'added lines came after it. Restoring brings back the removed lines and takes out the added ones.'),
    diffBlock(revision, current, { id: 'revision-diff', label: `Changes from version ${chosen} to the current version` }),
    el('p', {}, restore, ' ', el('span', { class: 'help' }, 'Its content becomes the next version; nothing is lost.')));
}
