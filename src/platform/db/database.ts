/**
 * One data layer over two engines: the `pg` API against a PostgreSQL server when DATABASE_URL is set,
 * otherwise an embedded PGlite turned into a `pg.Pool` (one connection, callers queued).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { auditKeyFromSecret } from '../audit/key.ts';
import { DEV_SECRET } from '../config.ts';
import { BytesBlob } from './bytes-blob.ts';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';

export { DataDirectoryLockedError } from './data-dir-lock.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  pool: pg.Pool;
  /** Present on the embedded engine: used for dumps (backup) and clones (tests). */
  pglite: PGlite | null;
  /** Seals audit events (see platform/audit/key.ts); held by the process, never by the database. */
  auditKey: Buffer;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | null;
  /** Directory for the embedded database, or `memory://`. */
  dataDir?: string;
  /** Start the embedded database from a dump made by `dumpDataDir` (tests clone a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** The audit seal key (config.auditKey); tests and tools that omit it use the development key. */
  auditKey?: Buffer;
}

export const PGLITE_EXTENSIONS = { pg_trgm, fuzzystrmatch };

type PgliteAssets = Required<Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>>;
/** Node's WebAssembly, which the TypeScript libraries of this project (no DOM) do not declare. */
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { compile(bytes: Uint8Array): Promise<PgliteAssets['pgliteWasmModule']> };
};
let pgliteAssets: Promise<PgliteAssets> | null = null;

/**
 * PGlite's WebAssembly module and file-system bundle, compiled and read once per process: both are
 * immutable, and a process that opens several embedded databases (the tests, which open one a file, and
 * `db copy`) otherwise pays for them on every open.
 */
function loadPgliteAssets(): Promise<PgliteAssets> {
  pgliteAssets ??= (async () => {
    // Where PGlite itself loads them from: beside its entry point (createRequire: vitest's module runner
    // has no import.meta.resolve).
    const dist = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    return {
      pgliteWasmModule: await wasm.compile(readFileSync(new URL('pglite.wasm', dist))),
      fsBundle: new BytesBlob(readFileSync(new URL('pglite.data', dist))),
    };
  })();
  return pgliteAssets;
}

// Bigints (counts) come back as numbers: every count Lantern makes fits easily in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const auditKey = options.auditKey ?? auditKeyFromSecret(DEV_SECRET);
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    });
    // A broken idle connection must not crash the process; the next query reports the failure.
    pool.on('error', () => {});
    return {
      engine: 'postgres',
      pool,
      pglite: null,
      auditKey,
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  let lock: DataDirLock | null = null;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    // Before PGlite touches a file: a second process on the same directory would corrupt it.
    lock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, {
      ...(await loadPgliteAssets()),
      extensions: PGLITE_EXTENSIONS,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // createPgConfig's declared type is narrower than what pg.Pool accepts at run time.
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  return {
    engine: 'pglite',
    pool,
    pglite,
    auditKey,
    close: async () => {
      try {
        await pool.end();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
