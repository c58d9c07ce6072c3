import { el, show } from './dom.js';

export const STATUSES = ['draft', 'review', 'scheduled', 'published'];

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function statusBadge(status) {
  return el('span', { class: `status status-${status}` }, status);
}

/**
 * The article list: filters (section, status, headline search; the API applies all three, over
 * every page), one page of articles, and paging by the API's nextCursor. `state` is
 * { section, status, headline, cursors: [] } and lives in the URL hash (the search as `q`).
 */
export async function articleList(main, api, config, state, navigate, { title = 'Articles', queue = false } = {}) {
  const sectionSelect = el('select', { name: 'section', id: 'filter-section' },
    el('option', { value: '' }, 'All sections'),
    (config.sections ?? []).map((s) => el('option', { value: s.slug, selected: s.slug === state.section }, s.title)));
  const statusSelect = el('select', { name: 'status', id: 'filter-status' },
    el('option', { value: '' }, 'Any status'),
    STATUSES.map((s) => el('option', { value: s, selected: s === state.status }, s)));
  const headlineInput = el('input', { type: 'search', name: 'headline', id: 'filter-headline', value: state.headline ?? '',
    placeholder: 'Headline contains…', maxlength: 100 });
  const form = el('form', {
    class: 'filters',
    onsubmit: (event) => {
      event.preventDefault();
      navigate({ section: sectionSelect.value, status: statusSelect.value, headline: headlineInput.value, cursors: [] });
    },
  },
  el('label', {}, 'Section', sectionSelect),
  el('label', {}, 'Status', statusSelect),
  el('label', {}, 'Headline', headlineInput),
  el('button', { type: 'submit', id: 'filter-apply' }, 'Show'));

  const results = el('div', { id: 'results' }, el('p', { class: 'muted' }, 'Loading articles…'));
  show(main,
    el('div', { class: 'title' }, el('h1', { id: 'list-heading' }, title),
      el('a', { href: '#/new', id: 'new-article', class: 'button primary' }, 'New article')),
    queue ? el('p', { class: 'help', id: 'queue-help' }, 'Articles their writers submitted for review, newest first. '
      + 'Open one to edit it, then publish or schedule it.') : form,
    results);

  const cursor = state.cursors.at(-1);
  const page = await api.list({ section: state.section, status: state.status, q: state.headline, cursor, limit: 20 });
  const articles = page.articles;
  const table = articles.length === 0
    ? el('p', { class: 'muted', id: 'no-articles' }, queue ? 'Nothing waits for review.' : 'No articles on this page match.')
    : el('table', { id: 'articles', 'aria-labelledby': 'list-heading' },
      el('thead', {}, el('tr', {}, ['Headline', 'Section', 'Status', 'Updated', 'By'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, articles.map((a) => el('tr', { 'data-slug': a.slug },
        el('td', {}, el('a', { href: `#/articles/${encodeURIComponent(a.slug)}`, class: 'headline' }, a.headline)),
        el('td', {}, a.section),
        el('td', {}, statusBadge(a.status)),
        el('td', {}, when(a.updatedAt)),
        el('td', {}, a.createdBy ?? '')))));
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' },
    state.cursors.length > 0 && el('button', { type: 'button', id: 'first-page',
      onclick: () => navigate({ ...state, cursors: [] }) }, 'First page'),
    page.nextCursor && el('button', { type: 'button', id: 'next-page',
      onclick: () => navigate({ ...state, cursors: [...state.cursors, page.nextCursor] }) }, 'Next page'));
  show(results, table, pager);
}

export function problem(main, error) {
  show(main, el('p', { class: 'error', role: 'alert', id: 'error' }, error.message));
}
