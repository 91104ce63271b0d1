/**
 * Compiles src/ to JavaScript in dist/ for `npm start`, which then runs `node dist/main.js` itself: no
 * TypeScript loader sits between the service and the signals sent to it (see docs/decisions/0010).
 *
 * One output file per source file, at the same depth (src/platform/db/migrate.ts → dist/platform/db/
 * migrate.js), so the modules that find `migrations`, `public/build` and `node_modules` from
 * `import.meta.dirname` resolve the same paths; templates and other non-TypeScript files are copied beside
 * them, since the views are loaded from the compiled tree. Relative `.ts` import specifiers become `.js`.
 * Plain JavaScript, run by `node` itself: `npm start` checks the build without loading a TypeScript runner.
 * Skips the compile when dist/ is up to date, and the stylesheet build (scripts/build-assets.mjs, which
 * loads Sass: half a second) when public/build is, so an `npm start` with nothing changed stays quick.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const isCode = (/** @type {string} */ file) => file.endsWith('.ts') && !file.endsWith('.d.ts');
const isTest = (/** @type {string} */ file) => file.endsWith('.test.ts');

/** Every input with its size and modification time, and this script's own: any change means rebuild. */
/** @param {string[]} inputs */
function fingerprint(inputs) {
  const hash = createHash('sha256').update(esbuildVersion);
  for (const file of [import.meta.filename, ...inputs]) {
    const s = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Written beside and renamed into place, so a process starting from dist/ never reads a half file. */
/** @param {string} file @param {string | Uint8Array} content */
function writeAtomically(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/** The same rule as build-assets.ts, without loading Sass: every output newer than what it is made from. */
function assetsUpToDate() {
  const out = join(ROOT, 'public', 'build');
  const assets = join(SRC, 'platform', 'views', 'assets');
  const govuk = join(ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js');
  /** @type {[string[], string][]} */
  const pairs = [
    [walk(assets).filter((f) => f.endsWith('.scss')), join(out, 'lantern.css')],
    [[govuk], join(out, 'govuk-frontend.min.js')],
    [[join(assets, 'favicon.svg')], join(out, 'favicon.svg')],
  ];
  try {
    return pairs.every(([sources, output]) => {
      const built = statSync(output).mtimeMs;
      return sources.every((source) => statSync(source).mtimeMs <= built);
    });
  } catch {
    return false;
  }
}

/** @returns {Promise<'built' | 'up to date'>} */
export async function buildDist() {
  const inputs = walk(SRC)
    .filter((f) => !isTest(f))
    .sort();
  const stamp = fingerprint(inputs);
  let previous = '';
  try {
    previous = readFileSync(STAMP, 'utf8');
  } catch {
    // no previous build
  }
  if (previous === stamp) return 'up to date';

  const result = await build({
    entryPoints: inputs.filter(isCode),
    outbase: SRC,
    outdir: DIST,
    // Bundling only so the plugin below sees every import: each one is kept external, one file per module.
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'keep-modules',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) =>
            args.kind === 'entry-point'
              ? undefined
              : { path: args.path.replace(/\.ts$/, '.js'), external: true },
          );
        },
      },
    ],
  });
  const written = new Set();
  for (const output of result.outputFiles) {
    writeAtomically(output.path, output.contents);
    written.add(output.path);
  }
  for (const file of inputs.filter((f) => !isCode(f))) {
    const target = join(DIST, relative(SRC, file));
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.tmp-${process.pid}`;
    copyFileSync(file, temp);
    renameSync(temp, target);
    written.add(target);
  }
  // Outputs of deleted sources go, so dist/ holds exactly what src/ compiles to.
  for (const file of walk(DIST)) {
    if (file !== STAMP && !written.has(file) && !/\.tmp-\d+$/.test(file)) rmSync(file, { force: true });
  }
  writeAtomically(STAMP, stamp);
  return 'built';
}

if (import.meta.filename === process.argv[1]) {
  const started = Date.now();
  const outcome = await buildDist();
  console.log(`dist/ ${outcome} (${Date.now() - started} ms)`);
  if (!assetsUpToDate()) await import('./build-assets.mjs');
}
