// Articles as the editor handles them: the fields a writer may send, lists typed as text, a text
// form for diffs, and times in the newsroom's time zone. Pure functions, tested in node.

/** The fields the API accepts; the server sets the others (version, times, owner, url). */
export const WRITABLE = ['section', 'slug', 'headline', 'standfirst', 'body', 'image', 'authors', 'tags', 'source',
  'status', 'publishAt'];

/** The writable fields of an article, absent values as null, lists as arrays. */
export function writable(article) {
  const out = {};
  for (const field of WRITABLE) out[field] = article?.[field] ?? null;
  out.authors = article?.authors ?? [];
  out.tags = article?.tags ?? [];
  if (out.image) {
    out.image = { src: out.image.src ?? null, alt: out.image.alt ?? null, caption: out.image.caption ?? null,
      credit: out.image.credit ?? null };
  }
  return out;
}

/** Entries of a comma- or line-separated list, trimmed, empty ones dropped. */
export function splitList(text) {
  return (text ?? '').split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}

/** Blank text counts as absent, as the API counts it. */
export function orNull(text) {
  const value = (text ?? '').trim();
  return value === '' ? null : value;
}

/** Whether two articles hold the same writable content. */
export function sameContent(a, b) {
  return JSON.stringify(writable(a)) === JSON.stringify(writable(b));
}

const LABELS = {
  headline: 'Headline', section: 'Section', slug: 'Slug', status: 'Status', publishAt: 'Publish at',
  standfirst: 'Standfirst', authors: 'Authors', tags: 'Tags', source: 'Source', image: 'Lead image', body: 'Body',
};

/** The labels of the writable fields that differ between `a` and `b`, in form order. */
export function changedFields(a, b) {
  const x = writable(a);
  const y = writable(b);
  return Object.keys(LABELS).filter((f) => JSON.stringify(x[f]) !== JSON.stringify(y[f])).map((f) => LABELS[f]);
}

/** One article as lines of text, the body last, so that a line diff reads field by field. */
export function articleText(article) {
  const a = writable(article);
  const image = a.image
    ? `${a.image.src} | alt: ${a.image.alt ?? ''} | caption: ${a.image.caption ?? ''} | credit: ${a.image.credit ?? ''}`
    : '';
  return [
    `Headline: ${a.headline ?? ''}`,
    `Section: ${a.section ?? ''}`,
    `Status: ${a.status ?? ''}`,
    `Publish at: ${a.publishAt ?? ''}`,
    `Standfirst: ${a.standfirst ?? ''}`,
    `Authors: ${a.authors.join(', ')}`,
    `Tags: ${a.tags.join(', ')}`,
    `Source: ${a.source ?? ''}`,
    `Lead image: ${image}`,
    '',
    ...(a.body ?? '').split('\n'),
  ].join('\n') + '\n';
}

function zoneParts(epochMillis, zone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(epochMillis));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'),
    second: get('second') };
}

/** How far `zone` is ahead of UTC at `epochMillis`, in milliseconds. */
function offsetAt(epochMillis, zone) {
  const p = zoneParts(epochMillis, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMillis / 1000) * 1000;
}

const pad = (n) => String(n).padStart(2, '0');

/** An instant (ISO-8601) as the value of a datetime-local input in `zone`: 2026-12-05T14:30:00. */
export function instantToLocalInput(iso, zone) {
  if (!iso) return '';
  const p = zoneParts(Date.parse(iso), zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * The instant (ISO-8601, UTC, whole seconds) that a wall-clock time in `zone` names, or null for
 * text that is not one. In the hour a clock goes back, the earlier of the two instants.
 */
export function localInputToInstant(value, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value ?? '');
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // the offsets either side of the wall time; each candidate that reads back as the wall time is
  // one, and in a gap (clocks going forward) the earlier offset gives the time just after it
  const hours12 = 12 * 3600 * 1000;
  const candidates = [wall - offsetAt(wall - hours12, zone), wall - offsetAt(wall + hours12, zone)]
    .sort((x, y) => x - y);
  const exact = candidates.filter((c) => c - wall + offsetAt(c, zone) === 0);
  const guess = exact.length ? exact[0] : candidates[1];
  return new Date(guess).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "5 Dec 2026, 14:30:00 Europe/London (14:30:00 UTC)". */
export function describeInstant(iso, zone) {
  if (!iso) return '';
  const at = new Date(iso);
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'medium' }).format(at);
  const utc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'medium' }).format(at);
  return `${local} ${zone} (${utc} UTC)`;
}
