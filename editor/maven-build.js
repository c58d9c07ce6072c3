// The Maven build of the editor app: `npm ci` of the pinned build tools unless node_modules is
// already newer than the lock file, then the build into the folder given (the jar's classes).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (mtime(join(here, 'node_modules', '.package-lock.json')) < mtime(join(here, 'package-lock.json'))) {
  run(npm, ['ci', '--no-audit', '--no-fund']);
} else {
  console.log('editor: node_modules is up to date with package-lock.json');
}
run(process.execPath, [join(here, 'build.js'), ...process.argv.slice(2)]);
