/**
 * The test databases share one template's bytes (`BytesBlob` with `owned: false`): PGlite must only read
 * a data-directory tar. A database started from the shared bytes and then written to leaves them as they
 * were, and a second database started from them sees none of the first one's writes.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { BytesBlob } from '../../src/platform/db/bytes-blob.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createTestDatabase } from '../support/engines.ts';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

it('starts two embedded databases from the same bytes, neither changing them nor the other', async () => {
  // The migrated template (started from the shared bytes themselves), with a table of its own.
  const source = await createTestDatabase();
  await source.db.pool.query('CREATE TABLE shared_bytes_probe (n integer)');
  const dump = new Uint8Array(await (await source.db.pglite!.dumpDataDir('none')).arrayBuffer());
  await source.dispose();
  const before = digest(dump);

  const first = await openDatabase({
    dataDir: 'memory://',
    loadDataDir: new BytesBlob(dump, 'application/x-tar', { owned: false }),
  });
  await first.pool.query('INSERT INTO shared_bytes_probe SELECT generate_series(1, 1000)');
  await first.pool.query('CHECKPOINT');
  expect((await first.pool.query('SELECT count(*)::int AS n FROM shared_bytes_probe')).rows[0].n).toBe(1000);
  await first.close();
  expect(digest(dump)).toBe(before);

  const second = await openDatabase({
    dataDir: 'memory://',
    loadDataDir: new BytesBlob(dump, 'application/x-tar', { owned: false }),
  });
  expect((await second.pool.query('SELECT count(*)::int AS n FROM shared_bytes_probe')).rows[0].n).toBe(0);
  await second.close();
});

it('hands out a copy when asked to own, so a change to what it answered never reaches the bytes', async () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const owned = new Uint8Array(await new BytesBlob(bytes).arrayBuffer());
  owned[0] = 9;
  expect([...bytes]).toEqual([1, 2, 3]);
  const shared = new Uint8Array(await new BytesBlob(bytes, '', { owned: false }).arrayBuffer());
  expect(shared.buffer).toBe(bytes.buffer);
});
