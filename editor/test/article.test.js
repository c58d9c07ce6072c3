import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  articleText, changedFields, describeInstant, instantToLocalInput, localInputToInstant, sameContent, splitList, writable,
} from '../src/article.js';

test('only writable fields are sent back, absent ones as null', () => {
  const read = { section: 'world', slug: 'a', headline: 'H', body: 'B', version: 4, url: 'x', createdBy: 'eve',
    image: { src: 'media/a.png', alt: 'A' } };
  const w = writable(read);
  assert.equal(w.version, undefined);
  assert.equal(w.url, undefined);
  assert.equal(w.standfirst, null);
  assert.deepEqual(w.authors, []);
  assert.deepEqual(w.image, { src: 'media/a.png', alt: 'A', caption: null, credit: null });
});

test('lists are split on commas and lines', () => {
  assert.deepEqual(splitList(' Ann Lee, Bo Chan\nCy ,, '), ['Ann Lee', 'Bo Chan', 'Cy']);
  assert.deepEqual(splitList(''), []);
});

test('content comparison ignores server-set fields', () => {
  const a = { section: 'world', headline: 'H', body: 'B', version: 1, updatedAt: '2026-01-01T00:00:00Z' };
  assert.ok(sameContent(a, { ...a, version: 2, updatedAt: 'later' }));
  assert.ok(!sameContent(a, { ...a, body: 'C' }));
  assert.deepEqual(changedFields(a, { ...a, body: 'C', tags: ['x'] }), ['Tags', 'Body']);
});

test('the text form of an article puts every field on a line and the body last', () => {
  const text = articleText({ headline: 'H', section: 'world', body: 'one\n\ntwo', authors: ['A', 'B'] });
  assert.match(text, /^Headline: H\nSection: world\n/);
  assert.match(text, /Authors: A, B\n/);
  assert.ok(text.endsWith('\none\n\ntwo\n'));
});

test('newsroom wall-clock times convert to UTC instants and back, across summer time', () => {
  assert.equal(localInputToInstant('2026-12-05T14:30', 'Europe/London'), '2026-12-05T14:30:00Z');
  assert.equal(localInputToInstant('2026-07-01T14:30:05', 'Europe/London'), '2026-07-01T13:30:05Z');
  assert.equal(localInputToInstant('2026-07-01T09:00', 'America/New_York'), '2026-07-01T13:00:00Z');
  assert.equal(instantToLocalInput('2026-07-01T13:30:05Z', 'Europe/London'), '2026-07-01T14:30:05');
  assert.equal(instantToLocalInput(null, 'Europe/London'), '');
  assert.equal(localInputToInstant('soon', 'Europe/London'), null);
  // the hour the clocks go back happens twice: the earlier instant is taken
  assert.equal(localInputToInstant('2026-10-25T01:30', 'Europe/London'), '2026-10-25T00:30:00Z');
});

test('an instant is described in the newsroom zone and in UTC', () => {
  const text = describeInstant('2026-07-01T13:30:00Z', 'Europe/London');
  assert.match(text, /14:30:00 Europe\/London/);
  assert.match(text, /\(1 Jul 2026, 13:30:00 UTC\)/);
});
