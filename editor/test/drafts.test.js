import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftKey, dropDraft, keepDraft, keptDraft } from '../src/drafts.js';

function memoryStorage() {
  const map = new Map();
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
}

test('a draft is kept per user and article, and dropped once saved', () => {
  const storage = memoryStorage();
  const key = draftKey('eve', 'ports-reopen');
  assert.notEqual(key, draftKey('sam', 'ports-reopen'));
  assert.notEqual(draftKey('eve', null), key);
  assert.equal(keptDraft(storage, key), null);
  assert.ok(keepDraft(storage, key, { headline: 'H' }, 3, new Date('2026-12-05T10:00:00Z')));
  assert.deepEqual(keptDraft(storage, key), { article: { headline: 'H' }, baseVersion: 3, savedAt: '2026-12-05T10:00:00.000Z' });
  dropDraft(storage, key);
  assert.equal(keptDraft(storage, key), null);
});

test('a full or broken storage loses nothing else', () => {
  const full = { getItem: () => '{not json', setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
  assert.equal(keepDraft(full, 'k', {}, 0), false);
  assert.equal(keptDraft(full, 'k'), null);
});
