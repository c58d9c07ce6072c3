// Unsaved work kept in this browser (localStorage), so a crash or a closed tab loses nothing:
// one draft per user and article, written as the writer types and removed once the API has it.

const PREFIX = 'broadsheet.draft.';

export function draftKey(user, slug) {
  return `${PREFIX}${encodeURIComponent(user ?? '')}.${slug ? encodeURIComponent(slug) : '~new'}`;
}

/** Keeps `article` (the form's content) as written over `baseVersion` (0 for a new article). */
export function keepDraft(storage, key, article, baseVersion, now = new Date()) {
  try {
    storage.setItem(key, JSON.stringify({ article, baseVersion, savedAt: now.toISOString() }));
    return true;
  } catch {
    return false; // storage full or disabled: the unload warning still guards the work
  }
}

/** The kept draft, or null. */
export function keptDraft(storage, key) {
  try {
    const value = JSON.parse(storage.getItem(key) ?? 'null');
    return value && typeof value === 'object' && value.article ? value : null;
  } catch {
    return null;
  }
}

export function dropDraft(storage, key) {
  try {
    storage.removeItem(key);
  } catch {
    // nothing kept
  }
}
