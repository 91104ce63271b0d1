/** `lantern report briefing ... --format json|csv|xlsx|pdf --out FILE` on the known dataset. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database.ts';
import { runBriefingCommand } from '../../src/reports/cli.ts';
import { registerReportCommands } from '../../src/reports/index.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createKnownReportDatabase } from './support.ts';

let t: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'lantern-report-'));
const base = { from: '2026-04-01', to: '2026-09-30' };

beforeAll(async () => {
  t = await createKnownReportDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

describe('lantern report briefing', () => {
  it('writes JSON with every figure, published by default, and audits the export', async () => {
    const out = join(dir, 'b.json');
    const result = await runBriefingCommand(t.db, { ...base, format: 'json', out });
    expect(result.code).toBe(0);
    const body = JSON.parse(readFileSync(out, 'utf8'));
    expect(body.marking).toBe('OFFICIAL-SENSITIVE');
    expect(body.mode).toBe('published');
    // Published mode: small counts are c, the total is kept (issue 15), and the loss is reported.
    expect(body.figures['victim_referrals.total'].total).toBe(27);
    expect(body.disclosure.primary).toBeGreaterThan(0);
    expect(
      body.figures['outcomes.social_care'].rows.find((r: { category: string }) => r.category === 'S31').value,
    ).toBe('c');
    const audit = await t.superuserQuery(`SELECT details FROM audit_event WHERE action = 'REPORT_EXPORT'`);
    expect(audit.rows[0].details).toMatchObject({ format: 'json', via: 'cli', mode: 'published' });
  });

  it('writes operational CSV for a division, with the marking first', async () => {
    const out = join(dir, 'b.csv');
    const result = await runBriefingCommand(t.db, {
      ...base,
      division: 'EAST',
      mode: 'operational',
      format: 'csv',
      out,
    });
    expect(result.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('OFFICIAL-SENSITIVE\r\n')).toBe(true);
    expect(csv).toContain('victim_referrals.total,Victim referrals,TOTAL,Total,14,');
  });

  it('writes XLSX and PDF', async () => {
    for (const format of ['xlsx', 'pdf']) {
      const out = join(dir, `b.${format}`);
      expect((await runBriefingCommand(t.db, { ...base, format, out })).code).toBe(0);
      const head = readFileSync(out).subarray(0, 4).toString('latin1');
      expect(head).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
  });

  it('refuses bad options with exit code 2', async () => {
    const out = join(dir, 'x');
    expect((await runBriefingCommand(t.db, { ...base, format: 'docx', out })).code).toBe(2);
    expect(
      (await runBriefingCommand(t.db, { from: '2026-13-01', to: '2026-09-30', format: 'csv', out })).message,
    ).toMatch(/--from/);
    expect((await runBriefingCommand(t.db, { ...base, mode: 'secret', format: 'csv', out })).code).toBe(2);
  });

  it('registers `report briefing` on the CLI program', async () => {
    const program = new Command('lantern').exitOverride();
    let code: number | undefined;
    const withDatabase = (async (work: (db: Database) => Promise<number | undefined>) => {
      code = await work(t.db);
    }) as unknown as (work: (db: Database) => Promise<number | undefined>) => Promise<never>;
    registerReportCommands(program, withDatabase);
    const out = join(dir, 'cli.json');
    await program.parseAsync(
      ['report', 'briefing', '--from', base.from, '--to', base.to, '--format', 'json', '--out', out],
      {
        from: 'user',
      },
    );
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).period).toEqual(base);
  });
});
