/**
 * Compiles the service's stylesheet (govuk-frontend with Lantern's settings) and copies the browser
 * scripts it needs into public/build. Runs before `npm start` and the tests; quick when up to date.
 */
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, NodePackageImporter } from 'sass';

const root = join(import.meta.dirname, '..');
const out = join(root, 'public', 'build');
const source = join(root, 'src', 'platform', 'views', 'assets', 'lantern.scss');
const css = join(out, 'lantern.css');

/** @param {string} a @param {string} b */
function newer(a, b) {
  try {
    return statSync(a).mtimeMs > statSync(b).mtimeMs;
  } catch {
    return true;
  }
}

mkdirSync(out, { recursive: true });
if (newer(source, css) || process.argv.includes('--force')) {
  const result = compile(source, {
    importers: [new NodePackageImporter()],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  writeFileSync(css, result.css);
}
const govukJs = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js');
copyFileSync(govukJs, join(out, 'govuk-frontend.min.js'));
copyFileSync(join(root, 'src', 'platform', 'views', 'assets', 'favicon.svg'), join(out, 'favicon.svg'));
console.log(`assets built in ${out}`);
