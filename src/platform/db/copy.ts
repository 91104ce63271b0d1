/**
 * `lantern db copy --to postgres://…`: moves an embedded (PGlite) database to a PostgreSQL server.
 *
 * The target is bootstrapped as `lantern db bootstrap` would (roles, a database owned by lantern_owner) and
 * migrated as lantern_owner, then every table's rows travel in one target transaction. Values travel as
 * their text form (`col::text` out, `$n::text[]` unnested and cast back in), which every type's output and
 * input functions round-trip exactly: the audit log arrives byte for byte, so its hash chain and keyed seals
 * verify on the server. The copy runs with `session_replication_role = replica` (a superuser setting), so
 * no trigger fires: the append-only guard on audit_event, the foreign-key checks and the statistics triggers
 * of migration 011, whose fact tables are copied as they are rather than counted a second time.
 */
import pg from 'pg';
import { bootstrapServer } from './bootstrap.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { OWNER_ROLE } from './roles.ts';

export class CopyRefusedError extends Error {}

export interface CopyOptions {
  /** A superuser connection to the target server, naming the database to create and fill. */
  to: string;
  /** A password for the lantern_owner login (omit with trust authentication). */
  ownerPassword?: string;
  /** Rows a round trip (each column travels as one array parameter). */
  batchRows?: number;
  /** Where progress and the summary go. */
  print?: (line: string) => void;
  /** At least this often a progress line while rows travel. */
  progressEveryMs?: number;
}

export interface CopySummary {
  database: string;
  tables: number;
  rows: number;
  seconds: number;
  /** Rows copied per table, in copy order. */
  perTable: Array<{ table: string; rows: number }>;
}

interface Column {
  name: string;
  type: string;
}

interface TableInfo {
  name: string;
  columns: Column[];
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function targetDatabaseName(url: URL): string {
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name)
    throw new CopyRefusedError('--to must name the target database, e.g. postgres://postgres@host/lantern');
  return name;
}

/** Tables of the public schema (partitions travel through their parent), parents before children. */
async function tablesInDependencyOrder(source: pg.PoolClient): Promise<TableInfo[]> {
  const { rows: tables } = await source.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> 'schema_migration'
      ORDER BY c.relname`,
  );
  const { rows: edges } = await source.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND ch.oid <> pa.oid`,
  );
  const { rows: columns } = await source.query<{ table: string; name: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const parents = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!parents.has(e.child)) parents.set(e.child, new Set());
    parents.get(e.child)!.add(e.parent);
  }
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name)) return; // done, or a cycle (harmless: no foreign key is checked in replica mode)
    state.set(name, 'visiting');
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent);
    state.set(name, 'done');
    ordered.push(name);
  };
  const known = new Set(tables.map((t) => t.name));
  for (const t of tables) visit(t.name);
  return ordered
    .filter((name) => known.has(name))
    .map((name) => ({
      name,
      columns: columns.filter((c) => c.table === name).map((c) => ({ name: c.name, type: c.type })),
    }));
}

/** Refuses a target that holds anything of its own: a copy never merges into existing data. */
async function assertEmpty(client: pg.Client, database: string): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
        AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`,
  );
  if ((rows[0]?.n ?? 0) > 0) {
    throw new CopyRefusedError(
      `The target database "${database}" is not empty (${rows[0]!.n} tables, views or sequences): ` +
        'db copy only fills a new, empty database. Name another database, or drop this one first.',
    );
  }
}

/** Migrates the target as lantern_owner (which then owns the schema), from the superuser's login. */
async function migrateTarget(targetUrl: string, auditKey: Buffer): Promise<void> {
  const pool = new pg.Pool({ connectionString: targetUrl, max: 1, options: `-c role=${OWNER_ROLE}` });
  pool.on('error', () => {});
  const db: Database = { engine: 'postgres', pool, pglite: null, auditKey, close: () => pool.end() };
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

export async function copyDatabase(source: Database, options: CopyOptions): Promise<CopySummary> {
  if (source.engine !== 'pglite') {
    throw new CopyRefusedError('db copy copies the embedded database: unset DATABASE_URL to name it');
  }
  const print = options.print ?? ((line: string) => console.log(line));
  const batchRows = options.batchRows ?? 5000;
  const progressEveryMs = options.progressEveryMs ?? 10_000;
  const started = Date.now();
  const targetUrl = new URL(options.to);
  const database = targetDatabaseName(targetUrl);
  const adminUrl = new URL(targetUrl);
  adminUrl.pathname = '/postgres';

  // Refuse before creating anything when the database exists and holds tables.
  const probe = new pg.Client({ connectionString: adminUrl.toString() });
  await probe.connect();
  try {
    const exists = await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    const su = await probe.query<{ su: boolean }>(
      'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
    );
    if (!su.rows[0]?.su) {
      throw new CopyRefusedError(
        '--to must log in as a superuser (it creates the roles and copies with triggers off)',
      );
    }
    if (exists.rowCount) {
      const check = new pg.Client({ connectionString: targetUrl.toString() });
      await check.connect();
      try {
        await assertEmpty(check, database);
      } finally {
        await check.end();
      }
    }
  } finally {
    await probe.end();
  }

  print(`Bootstrapping ${database}: roles, database, migrations`);
  await bootstrapServer({
    adminUrl: adminUrl.toString(),
    database,
    ...(options.ownerPassword ? { ownerPassword: options.ownerPassword } : {}),
  });
  await migrateTarget(targetUrl.toString(), source.auditKey);

  const from = await source.pool.connect();
  const to = new pg.Client({ connectionString: targetUrl.toString() });
  await to.connect();
  const perTable: CopySummary['perTable'] = [];
  let total = 0;
  let lastPrint = Date.now();
  try {
    // One snapshot of the source, text forms that do not depend on session settings.
    await from.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await from.query("SET LOCAL DateStyle = 'ISO, YMD'");
    await from.query("SET LOCAL IntervalStyle = 'postgres'");
    await from.query('SET LOCAL extra_float_digits = 3');
    const tables = await tablesInDependencyOrder(from);
    const expected = await from.query<{ n: number }>(
      `SELECT coalesce(sum(c.reltuples) FILTER (WHERE c.reltuples > 0), 0)::bigint AS n
         FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = 'public' AND c.relkind = 'r'`,
    );
    const estimate = Number(expected.rows[0]?.n ?? 0);

    await to.query('BEGIN');
    await to.query('SET LOCAL session_replication_role = replica');
    // Migrations seed some rows (the audit chain head, reference rows): the source's replace them.
    await to.query(`TRUNCATE ${tables.map((t) => ident(t.name)).join(', ')}`);
    for (const table of tables) {
      const cols = table.columns;
      const select = cols.map((c) => `${ident(c.name)}::text`).join(', ');
      const insert =
        `INSERT INTO ${ident(table.name)} (${cols.map((c) => ident(c.name)).join(', ')}) OVERRIDING SYSTEM VALUE ` +
        `SELECT ${cols.map((c, i) => `v${i}::${c.type}`).join(', ')} FROM unnest(${cols
          .map((_, i) => `$${i + 1}::text[]`)
          .join(', ')}) AS u(${cols.map((_, i) => `v${i}`).join(', ')})`;
      await from.query(
        `DECLARE lantern_copy NO SCROLL CURSOR FOR SELECT ${select} FROM ${ident(table.name)}`,
      );
      let copied = 0;
      for (;;) {
        const batch = await from.query<unknown[]>({
          text: `FETCH ${batchRows} FROM lantern_copy`,
          rowMode: 'array',
        });
        if (batch.rows.length === 0) break;
        const columns = cols.map((_, c) => batch.rows.map((row) => row[c] as string | null));
        await to.query(insert, columns);
        copied += batch.rows.length;
        total += batch.rows.length;
        if (Date.now() - lastPrint >= progressEveryMs) {
          lastPrint = Date.now();
          const of = estimate > total ? ` of about ${estimate}` : '';
          print(
            `  ${total} rows${of} copied (${table.name}: ${copied}), ${((Date.now() - started) / 1000).toFixed(0)} s`,
          );
        }
        if (batch.rows.length < batchRows) break;
      }
      await from.query('CLOSE lantern_copy');
      perTable.push({ table: table.name, rows: copied });
    }

    // Sequences continue after the copied rows (serial and identity columns, and any standalone one).
    const { rows: sequences } = await from.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S'`,
    );
    for (const s of sequences) {
      const { rows } = await from.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${ident(s.name)}`,
      );
      await to.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        ident(s.name),
        rows[0]!.last_value,
        rows[0]!.is_called,
      ]);
    }
    await to.query('COMMIT');
    await from.query('COMMIT');
    // Fresh statistics, so the server plans the first queries well.
    await to.query('ANALYZE');
  } catch (error) {
    await to.query('ROLLBACK').catch(() => {});
    await from.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    from.release();
    await to.end();
  }
  const seconds = (Date.now() - started) / 1000;
  const summary: CopySummary = { database, tables: perTable.length, rows: total, seconds, perTable };
  print(
    `Copied ${summary.tables} tables, ${total} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(total / Math.max(seconds, 0.001))} rows/s) to ${database}.`,
  );
  return summary;
}
