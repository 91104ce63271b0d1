/**
 * `lantern report briefing --from YYYY-MM-DD --to YYYY-MM-DD [--area X] [--division X]
 *    [--mode published|operational] --format json|csv|xlsx|pdf --out FILE`
 * Runs as the system (the operator of the server), audited as REPORT_EXPORT. Published mode by default.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { type Briefing, briefingCountCache, briefingFrom, readBriefing } from './briefing.ts';
import { EXPORT_FORMATS, type ExportFormat } from './export-text.ts';
import { withRevision } from './publication.ts';
import { auditDetails, type BriefingRequest, parseBriefingQuery } from './request.ts';

export interface BriefingCommandOptions {
  from?: string;
  to?: string;
  area?: string;
  division?: string;
  mode?: string;
  format: string;
  out: string;
}

/** Writes the briefing file; returns the exit code and a line to print. */
export async function runBriefingCommand(
  db: Database,
  options: BriefingCommandOptions,
): Promise<{ code: number; message: string; briefing?: Briefing }> {
  const { request, errors } = parseBriefingQuery(options);
  const format = options.format.toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    errors.push({ field: 'format', message: `--format must be one of ${EXPORT_FORMATS.join(', ')}` });
  if (errors.length) return { code: 2, message: errors.map((e) => `--${e.field}: ${e.message}`).join('\n') };
  const inputs = await withTransaction(
    db,
    systemContext('report-briefing'),
    async (tx) => {
      const b = await readBriefing(tx, request as BriefingRequest, briefingCountCache(db));
      await appendAuditEvent(tx, {
        action: 'REPORT_EXPORT',
        subjectType: 'report',
        subjectId: 'briefing',
        details: auditDetails(request, { format, via: 'cli' }),
      });
      return b;
    },
    { isolation: 'REPEATABLE READ' },
  );
  const briefing = await withTransaction(db, systemContext('report-briefing'), async (tx) =>
    withRevision(tx, await briefingFrom(inputs)),
  );
  // The spreadsheet and PDF writers load only when a file is written (see cli.ts).
  const { renderExport } = await import('./export.ts');
  writeFileSync(options.out, await renderExport(briefing, format as ExportFormat));
  return {
    code: 0,
    message: `Briefing (${request.mode}, ${request.period.from} to ${request.period.to}) written to ${options.out}`,
    briefing,
  };
}

export function registerReportCommands(
  program: Command,
  withDatabase: (work: (db: Database) => Promise<number | undefined>) => Promise<never>,
): void {
  const report = program.command('report').description('statistics and the partnership briefing');
  report
    .command('briefing')
    .description('write the partnership briefing (every figure, with the previous period) to a file')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: the start of the last six complete months)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: the end of last month)')
    .option('--area <code>', 'one safeguarding partnership area, e.g. BLACKPOOL')
    .option('--division <code>', 'one police division, e.g. EAST')
    .option('--mode <mode>', 'published (small counts suppressed) or operational (exact)', 'published')
    .requiredOption('--format <format>', 'json, csv, xlsx or pdf')
    .requiredOption('--out <file>', 'where to write it')
    .action((options: BriefingCommandOptions) =>
      withDatabase(async (db) => {
        const result = await runBriefingCommand(db, options);
        (result.code === 0 ? console.log : console.error)(result.message);
        return result.code;
      }),
    );
}
