import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startModuleWorker } from './module-worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-module-worker-'));
// ES modules, as in the project.
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `name` beside `caller` and answers its first message. */
function firstMessage(caller: string, name: string, workerData: unknown): Promise<unknown> {
  const worker = startModuleWorker(pathToFileURL(join(dir, caller)).href, name, { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('a worker beside its caller', () => {
  it('runs the compiled file beside a compiled caller', async () => {
    writeFileSync(
      join(dir, 'echo.js'),
      `import { parentPort, workerData } from 'node:worker_threads'; parentPort.postMessage({ js: workerData });`,
    );
    expect(await firstMessage('caller.js', 'echo', 7)).toEqual({ js: 7 });
  });

  it('runs the TypeScript file beside a TypeScript caller, through tsx', async () => {
    writeFileSync(
      join(dir, 'typed.ts'),
      `import { parentPort, workerData } from 'node:worker_threads';
       const doubled: number = (workerData as number) * 2;
       parentPort!.postMessage({ ts: doubled });`,
    );
    expect(await firstMessage('caller.ts', 'typed', 21)).toEqual({ ts: 42 });
  });
});
