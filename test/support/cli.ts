/**
 * The `lantern` command as an operator runs it (`npx lantern ...`): `node bin/lantern.mjs` in a child
 * process that sees only PATH and the environment given (a data directory or a DATABASE_URL), never the
 * test run's own.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'lantern.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lantern <args>` and answers its exit code and output, whether it succeeded or not. */
export async function runLantern(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
