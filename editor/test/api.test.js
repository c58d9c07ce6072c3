import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listQuery } from '../src/api.js';

test('list queries carry only the filters that are set', () => {
  assert.equal(listQuery({}), '');
  assert.equal(listQuery({ section: 'world', status: '', cursor: undefined, limit: 20 }), '?section=world&limit=20');
  assert.equal(listQuery({ status: 'review', cursor: 'a+b/c=' }), '?status=review&cursor=a%2Bb%2Fc%3D');
});

test('the headline search goes to the API, trimmed, and only when set', () => {
  assert.equal(listQuery({ section: 'world', q: '  Café owners ', limit: 20 }), '?section=world&q=Caf%C3%A9+owners&limit=20');
  assert.equal(listQuery({ status: 'draft', q: '   ' }), '?status=draft');
  assert.equal(listQuery({ q: 'a&b', cursor: 'c' }), '?q=a%26b&cursor=c');
});
