/**
 * A worker thread running a module that sits beside its caller, whichever way the code runs. Compiled
 * (dist/, plain `node`): the `.js` file, loaded as it is. From source (tsx in development and the
 * benchmarks, vitest): the `.ts` file, which Node 20 does not load as a worker's entry through the
 * parent's loader options ("Unknown file extension"), so a line of JavaScript registers tsx in the worker
 * first and then imports the file. tsx is a runtime dependency for this path only.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts `name` (no extension) from the folder of `callerUrl` (the caller's `import.meta.url`), with the
 * caller's own extension.
 */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const file = new URL(`./${name}.ts`, callerUrl).href;
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(code, { ...options, eval: true });
}
