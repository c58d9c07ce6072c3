// The newsroom API: the bearer token on every call, one refresh on 401, problem+json as errors.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `the API answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The query string of a list request: only the filters that are set. */
export function listQuery({ section, status, cursor, limit } = {}) {
  const params = new URLSearchParams();
  if (section) params.set('section', section);
  if (status) params.set('status', status);
  if (cursor) params.set('cursor', cursor);
  if (limit) params.set('limit', String(limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Articles of one page whose headline holds `text` (case- and accent-insensitive). */
export function matchingHeadline(articles, text) {
  const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const wanted = fold(text.trim());
  return wanted ? articles.filter((a) => fold(a.headline ?? '').includes(wanted)) : articles;
}

export function createApi(base, tokens) {
  async function call(path, options = {}, retried = false) {
    const token = tokens.access();
    const response = await fetch(`${base}${path}`, {
      ...options,
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
      credentials: 'omit',
    });
    if (response.status === 401 && !retried && (await tokens.refresh())) {
      return call(path, options, true);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
  return {
    list: (filters) => call(`/articles${listQuery(filters)}`),
    get: (slug) => call(`/articles/${encodeURIComponent(slug)}`),
  };
}
