// Runs `npm ci` for the pinned local servers unless node_modules is already newer than the lock file.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const lock = path.join(__dirname, 'package-lock.json');
const installed = path.join(__dirname, 'node_modules', '.package-lock.json');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch (e) {
    return -1;
  }
}

if (mtime(installed) >= mtime(lock)) {
  console.log('local/servers: node_modules is up to date with package-lock.json');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
  cwd: __dirname,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status === null ? 1 : result.status);
