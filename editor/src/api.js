// The newsroom API: the bearer token on every call, one refresh on 401, problem+json as errors.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `the API answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * The query string of a list request: only the filters that are set. `q` searches headlines on
 * the server (ignoring case and accents), across all pages.
 */
export function listQuery({ section, status, q, cursor, limit } = {}) {
  const params = new URLSearchParams();
  if (section) params.set('section', section);
  if (status) params.set('status', status);
  const search = (q ?? '').trim();
  if (search) params.set('q', search);
  if (cursor) params.set('cursor', cursor);
  if (limit) params.set('limit', String(limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The ETag of a version, as the API writes it. */
export function etagOf(version) {
  return `"${version}"`;
}

export function createApi(base, tokens) {
  async function send(path, options = {}, retried = false) {
    const token = tokens.access();
    const response = await fetch(`${base}${path}`, {
      ...options,
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
      credentials: 'omit',
    });
    if (response.status === 401 && !retried && (await tokens.refresh())) {
      return send(path, options, true);
    }
    return response;
  }
  async function call(path, options = {}) {
    const response = await send(path, options);
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
  const json = (method, value, headers = {}) => ({
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value),
  });
  const one = (slug) => `/articles/${encodeURIComponent(slug)}`;
  return {
    list: (filters) => call(`/articles${listQuery(filters)}`),
    get: (slug) => call(one(slug)),
    create: (article) => call('/articles', json('POST', article)),
    /** The whole article, written only over `version` (else a 412 ApiError). */
    save: (slug, article, version) => call(one(slug), json('PUT', article, { 'If-Match': etagOf(version) })),
    remove: (slug, version) => call(one(slug), { method: 'DELETE', headers: { 'If-Match': etagOf(version) } }),
    /** The page as readers would see it, as HTML text. */
    preview: async (slug) => {
      const response = await send(`${one(slug)}/preview`, { headers: { Accept: 'text/html' } });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      return response.text();
    },
    /** The page the unsaved `article` would make (nothing is stored), as HTML text. */
    previewOf: async (slug, article) => {
      const response = await send(`${one(slug)}/preview`,
        { ...json('POST', article), headers: { 'Content-Type': 'application/json', Accept: 'text/html' } });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      return response.text();
    },
    revisions: (slug) => call(`${one(slug)}/revisions`),
    revision: (slug, version) => call(`${one(slug)}/revisions/${version}`),
    restore: (slug, version, current) => call(`${one(slug)}/revisions/${version}/restore`,
      { method: 'POST', headers: { 'If-Match': etagOf(current) } }),
    /** Asks for a presigned upload, then PUTs the file to it; answers the image's `src`. */
    upload: async (file) => {
      const grant = await call('/media', json('POST', { filename: file.name, contentType: file.type, size: file.size }));
      const put = await fetch(grant.uploadUrl, {
        method: grant.method,
        headers: { 'Content-Type': grant.headers['Content-Type'] },
        body: file,
        credentials: 'omit',
      });
      if (!put.ok) throw new ApiError(put.status, { detail: `the image store refused the upload (${put.status})` });
      return grant;
    },
  };
}
