/**
 * The module map and its rules, checked over the import statements of `src/` (docs/development.md explains
 * them; test/architecture/module-boundaries.test.ts enforces them). Run `npx tsx scripts/module-boundaries.ts`
 * to list violations.
 *
 * - `platform/` is the shared kernel: it knows no feature module.
 * - Feature modules form one direction of dependency (no cycles): each may use only the modules listed for it.
 * - Across modules only a module's public files may be imported: services, code lists, paths and pure rules
 *   (plus the few files named in PUBLIC_EXTRAS); never its routes, forms, stores, views or private helpers.
 * - `synth/` (demo generator and loader, a development tool) may use any module's public files and stores
 *   (the bulk writers), never routes or forms. The composition root (`app.ts`, `main.ts`, `cli.ts`) may use
 *   anything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export const FEATURE_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  people: [],
  risk: ['people'],
  missing: ['people', 'risk'],
  mash: ['people', 'risk', 'missing'],
  pursue: ['people'],
  referrals: ['people', 'risk', 'missing', 'mash', 'pursue'],
  reports: [],
  admin: [],
  work: [],
  chronology: ['people'],
};

const COMPOSITION_ROOT = new Set(['app.ts', 'main.ts', 'cli.ts']);

/** Files outside the naming pattern that a module offers to others (pure value helpers). */
export const PUBLIC_EXTRAS: Readonly<Record<string, readonly string[]>> = {
  people: ['postcode.ts', 'nhs-number.ts'],
  risk: ['cse-flag-view.ts'],
};

const PUBLIC_FILE = /^(service|[a-z0-9-]+-service|codes|paths|rules|[a-z0-9-]+-rules)\.ts$/;
const STORE_FILE = /^(store|[a-z0-9-]+-store)\.ts$/;
const NEVER_SHARED = /(^|-)(routes|api|form|forms)\.ts$|\.njk$/;

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

/** 'src/mash/routes.ts' → { module: 'mash', inside: 'routes.ts' }; root files have module ''. */
function place(path: string): { module: string; inside: string } {
  const parts = path.split('/').slice(1);
  if (parts.length === 1) return { module: '', inside: parts[0]! };
  return { module: parts[0]!, inside: parts.slice(1).join('/') };
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) found.push((match[1] ?? match[2])!);
  return found;
}

/** Why `from` may not import `to` (both paths like 'src/x/y.ts'), or null when it may. */
export function ruleBroken(from: string, to: string): string | null {
  const a = place(from);
  const b = place(to);
  if (!to.startsWith('src/')) return null;
  if (a.module === b.module) return null;
  if (a.module === '' && COMPOSITION_ROOT.has(a.inside)) return null;
  if (a.module === 'platform') return 'the kernel (src/platform) imports no feature module';
  if (b.module === 'platform') return null;
  if (b.module === '') return 'only the composition root is imported by no one';
  const file = b.inside.split('/').pop()!;
  if (NEVER_SHARED.test(file)) return `routes, API handlers, forms and views of ${b.module}/ are its own`;
  if (a.module === 'synth') return null;
  if (b.module === 'synth') return 'only the composition root may load the demo generator (synth/)';
  const allowed = FEATURE_DEPENDENCIES[a.module];
  if (!allowed) return `${a.module}/ is not on the module map (scripts/module-boundaries.ts)`;
  if (!allowed.includes(b.module)) return `${a.module}/ may not depend on ${b.module}/ (see the module map)`;
  const isPublic =
    !b.inside.includes('/') && (PUBLIC_FILE.test(file) || (PUBLIC_EXTRAS[b.module] ?? []).includes(file));
  if (!isPublic || STORE_FILE.test(file)) return `${b.module}/${b.inside} is private to ${b.module}/`;
  return null;
}

/** Every violation in a set of source files (path → text), paths relative to the repository root. */
export function violationsIn(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, source] of files) {
    if (file.endsWith('.test.ts')) continue;
    for (const spec of importsOf(source)) {
      const target = normalize(join(dirname(file), spec))
        .split(sep)
        .join('/');
      const rule = ruleBroken(file, target);
      if (rule) violations.push({ file, imports: target, rule });
    }
  }
  return violations;
}

export function sourceFiles(root: string, dir = 'src'): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(join(root, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) {
      for (const [p, s] of sourceFiles(root, path)) files.set(p, s);
    } else if (name.endsWith('.ts')) {
      files.set(path, readFileSync(join(root, path), 'utf8'));
    }
  }
  return files;
}

if (process.argv[1] && relative(process.cwd(), process.argv[1]).includes('module-boundaries')) {
  const violations = violationsIn(sourceFiles(process.cwd()));
  for (const v of violations) console.log(`${v.file} → ${v.imports}: ${v.rule}`);
  console.log(`${violations.length} violation(s)`);
  process.exitCode = violations.length ? 1 : 0;
}
