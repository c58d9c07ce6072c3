import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHash } from '../src/main.js';

test('addresses name the screens', () => {
  assert.equal(parseHash('').view, 'list');
  assert.deepEqual(parseHash('#/?section=world&status=review&q=nato&c=a,b'),
    { view: 'list', section: 'world', status: 'review', headline: 'nato', cursors: ['a', 'b'] });
  assert.equal(parseHash('#/review').view, 'review');
  assert.deepEqual(parseHash('#/new'), { view: 'new' });
  assert.deepEqual(parseHash('#/articles/ports-reopen'), { view: 'article', slug: 'ports-reopen' });
  assert.deepEqual(parseHash('#/articles/ports-reopen/revisions?v=3'), { view: 'revisions', slug: 'ports-reopen', version: 3 });
  assert.deepEqual(parseHash('#/articles/ports-reopen/revisions?v=x'), { view: 'revisions', slug: 'ports-reopen', version: undefined });
});
