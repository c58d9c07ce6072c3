// Builds the editor app into one folder: app.js (one ES module bundle), app.css, index.html.
// usage: node build.js [outdir]   (default: dist)
// The build fails when the script shipped to the browser is over its budget, gzipped.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The most script the browser may be sent, gzipped (bytes). */
export const SCRIPT_BUDGET = 150 * 1024;

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2] ?? join(here, 'dist');

await mkdir(outdir, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.js')],
  outfile: join(outdir, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(join(here, 'src', 'app.css'), join(outdir, 'app.css'));
await copyFile(join(here, 'src', 'index.html'), join(outdir, 'index.html'));
const gzipped = gzipSync(await readFile(join(outdir, 'app.js')), { level: 9 }).length;
if (gzipped > SCRIPT_BUDGET) {
  console.error(`editor: app.js is ${gzipped} bytes gzipped, over the budget of ${SCRIPT_BUDGET}`);
  process.exit(1);
}
console.log(`editor: built into ${outdir} (app.js ${gzipped} bytes gzipped, budget ${SCRIPT_BUDGET})`);
