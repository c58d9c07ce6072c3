import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listQuery, matchingHeadline } from '../src/api.js';

test('list queries carry only the filters that are set', () => {
  assert.equal(listQuery({}), '');
  assert.equal(listQuery({ section: 'world', status: '', cursor: undefined, limit: 20 }), '?section=world&limit=20');
  assert.equal(listQuery({ status: 'review', cursor: 'a+b/c=' }), '?status=review&cursor=a%2Bb%2Fc%3D');
});

test('the headline search ignores case and accents', () => {
  const articles = [{ headline: 'Café owners protest' }, { headline: 'NATO summit' }, { headline: null }];
  assert.deepEqual(matchingHeadline(articles, 'cafe').map((a) => a.headline), ['Café owners protest']);
  assert.deepEqual(matchingHeadline(articles, ' nato ').map((a) => a.headline), ['NATO summit']);
  assert.equal(matchingHeadline(articles, '').length, 3);
});
