import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

test('the script shipped to the browser stays within 150 KB gzipped and holds no innerHTML', () => {
  const out = mkdtempSync(join(tmpdir(), 'editor-build-'));
  try {
    const run = spawnSync(process.execPath, [join(here, '..', 'build.js'), out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const script = readFileSync(join(out, 'app.js'));
    assert.ok(gzipSync(script, { level: 9 }).length <= 150 * 1024);
    const text = script.toString('utf8');
    assert.ok(!/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/.test(text));
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    assert.ok(!/<script(?![^>]*\bsrc=)/.test(html), 'no inline script in index.html');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
