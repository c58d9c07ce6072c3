// Builds the editor app into one folder: app.js (one ES module bundle), app.css, index.html.
// usage: node build.js [outdir]   (default: dist)
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
console.log(`editor: built into ${outdir}`);
