/**
 * The module map holds (issue 12): the kernel knows no feature, feature modules depend one way only and
 * use only each other's public files. The rules live in scripts/module-boundaries.ts.
 */
import { describe, expect, it } from 'vitest';
import { ruleBroken, sourceFiles, violationsIn } from '../../scripts/module-boundaries.ts';

describe('module boundaries', () => {
  it('src/ breaks none of the rules', () => {
    const violations = violationsIn(sourceFiles(process.cwd()));
    expect(violations.map((v) => `${v.file} → ${v.imports}: ${v.rule}`)).toEqual([]);
  });

  it('fails on a planted forbidden import of each kind', () => {
    const planted = new Map([
      ['src/platform/http/planted.ts', "import { x } from '../../mash/service.ts';"],
      ['src/people/planted.ts', "import { x } from '../mash/service.ts';"],
      [
        'src/mash/planted.ts',
        "import { x } from '../people/store.ts';\nimport { y } from '../people/routes.ts';",
      ],
      ['src/missing/planted.ts', "const m = await import('../referrals/form.ts');"],
      ['src/reports/planted.ts', "export { z } from '../synth/random.ts';"],
    ]);
    expect(violationsIn(planted).map((v) => `${v.file} → ${v.imports}`)).toEqual([
      'src/platform/http/planted.ts → src/mash/service.ts',
      'src/people/planted.ts → src/mash/service.ts',
      'src/mash/planted.ts → src/people/store.ts',
      'src/mash/planted.ts → src/people/routes.ts',
      'src/missing/planted.ts → src/referrals/form.ts',
      'src/reports/planted.ts → src/synth/random.ts',
    ]);
  });

  it('allows what the map allows', () => {
    expect(ruleBroken('src/mash/service.ts', 'src/people/service.ts')).toBeNull();
    expect(ruleBroken('src/referrals/routes.ts', 'src/mash/paths.ts')).toBeNull();
    expect(ruleBroken('src/missing/service.ts', 'src/platform/time/zoned-time.ts')).toBeNull();
    expect(ruleBroken('src/synth/load.ts', 'src/people/bulk-store.ts')).toBeNull();
    expect(ruleBroken('src/synth/load.ts', 'src/people/routes.ts')).not.toBeNull();
    expect(ruleBroken('src/app.ts', 'src/mash/routes.ts')).toBeNull();
  });
});
