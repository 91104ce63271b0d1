/**
 * Issue 4: identity matching speed, beside plain trigram search in PostgreSQL on the same records.
 *
 *   npx tsx bench/identity.ts                       100,000 records
 *   BENCH_IDENTITY_SIZES=100000,1000000 npx tsx bench/identity.ts
 *   BENCH_DATABASE_URL=postgres://...               also trigram search on a PostgreSQL server
 *   BENCH_IDENTITY_QUERIES=500                      interactive queries per size
 *   BENCH_IDENTITY_HARD=0                           leave out the hard labelled sets (lib/identity-hard-data.ts)
 *   BENCH_IDENTITY_CACHE=/tmp/dir                   keep the generated records there and read them next time
 *   npx tsx bench/lib/identity-fingerprint.ts 1000000 [workers]   one batch run, timed per phase, fingerprinted
 *
 * Records are the synthetic population's source records that name the person (as in the accuracy
 * figures), seed 7, at the scale that gives enough; beyond the generator's 500 chunks a second seed
 * is added with its identifiers removed (their numbers would collide with the first seed's).
 * First, precision, recall and F1 on the hard labelled sets (fake people, Australian-style, 50,000
 * historical people) at default settings, with the threshold curve. Then, for each size, it prints:
 *  - batch deduplication: seconds (training on the data itself included), comparisons per second,
 *    peak RSS, and pairwise precision and recall at auto-link and with the review band; blocking
 *    coverage (share of true pairs compared), of all true pairs and of those the model would put at
 *    least in the review band; and per blocking rule its block size cap and pairs;
 *  - interactive candidate search: p50/p95 over queries of people who have another record, and the
 *    share of their other records found in the top 20;
 *  - plain trigram search (pg_trgm GIN index, `name % $1` with similarity > 0.3, ordered by
 *    similarity, limit 20) on PGlite and, when configured, PostgreSQL: p50/p95 and the same recall.
 */
import cliProgress from 'cli-progress';
import { planBlocking, sharesBlock } from '../src/people/identity/blocking.ts';
import { CandidateIndex } from '../src/people/identity/candidate-index.ts';
import { type DedupeProgress, dedupeRecords } from '../src/people/identity/dedupe.ts';
import { pairwiseMetrics } from '../src/people/identity/metrics.ts';
import { pairMatchWeight, probabilityToWeight } from '../src/people/identity/model.ts';
import { MATCH_THRESHOLDS } from '../src/people/identity/thresholds.ts';
import { type Data, makeData } from './lib/identity-data.ts';
import { fingerprint } from './lib/identity-fingerprint.ts';
import { hardDataSection } from './lib/identity-hard-data.ts';
import { fmt, heading, type Latency, latency, ratio, table } from './lib/support.ts';
import {
  pgliteClient,
  postgresClient,
  type SqlClient,
  trigramSearch as searchByTrigram,
} from './lib/trigram-search.ts';

const SIZES = (process.env['BENCH_IDENTITY_SIZES'] ?? '100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 1);
const QUERIES = Number(process.env['BENCH_IDENTITY_QUERIES'] ?? 500);
const TOP = 20;
interface BatchResult {
  seconds: number;
  comparisons: number;
  comparisonsPerSecond: number;
  peakRssMb: number;
  autoPrecision: number;
  autoRecall: number;
  reviewPrecision: number;
  reviewRecall: number;
  coverage: number;
  /** Coverage of the true pairs that score at least the review threshold when compared. */
  linkableCoverage: number;
  /** Every kept link and cluster, hashed (identity-fingerprint.ts): equal runs link alike to the bit. */
  fingerprint: string;
  model: Awaited<ReturnType<typeof dedupeRecords>>['model'];
  blocking: Awaited<ReturnType<typeof dedupeRecords>>['blocking'];
}

/** Blocking coverage, measured after the timed run: the plan is made again and every true pair looked up. */
function coverage(data: Data, model: BatchResult['model']): { all: number; linkable: number } {
  const plan = planBlocking(data.records);
  const byPerson = new Map<string, number[]>();
  data.truth.forEach((t, i) => {
    const list = byPerson.get(t);
    if (list) list.push(i);
    else byPerson.set(t, [i]);
  });
  const reviewWeight = probabilityToWeight(MATCH_THRESHOLDS.review);
  let pairs = 0;
  let found = 0;
  let linkable = 0;
  let linkableFound = 0;
  for (const members of byPerson.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const i = members[a]!;
        const j = members[b]!;
        const compared = sharesBlock(plan, i, j);
        pairs++;
        if (compared) found++;
        if (pairMatchWeight(model, data.records[i]!, data.records[j]!) >= reviewWeight) {
          linkable++;
          if (compared) linkableFound++;
        }
      }
    }
  }
  return { all: pairs === 0 ? 1 : found / pairs, linkable: linkable === 0 ? 1 : linkableFound / linkable };
}

async function batch(data: Data): Promise<BatchResult> {
  let peakRss = process.memoryUsage().rss;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'dedupe: {phase} {bar} {percentage}% | {value}/{total}',
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let samples = 0;
  const onProgress = (p: DedupeProgress) => {
    // Scoring is synchronous: sample memory here (every chunk of pairs), not on a timer.
    if (++samples % 4 === 0 || p.phase !== 'scoring') peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const total = Math.max(p.total, p.done, 1);
    if (!started) {
      bar.start(total, p.done, { phase: p.phase });
      started = true;
    } else if (bar.getTotal() !== total) bar.setTotal(total);
    bar.update(Math.min(p.done, total), { phase: p.phase });
  };
  const t0 = performance.now();
  const result = await dedupeRecords(data.records, { onProgress });
  const seconds = (performance.now() - t0) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (started) bar.stop();
  const auto = pairwiseMetrics(result.clusterIds, data.truth);
  const review = pairwiseMetrics(result.reviewClusterIds, data.truth);
  const covered = coverage(data, result.model);
  return {
    seconds,
    comparisons: result.comparisons,
    comparisonsPerSecond: result.comparisons / result.scoringSeconds,
    peakRssMb: peakRss / 2 ** 20,
    autoPrecision: auto.precision,
    autoRecall: auto.recall,
    reviewPrecision: review.precision,
    reviewRecall: review.recall,
    coverage: covered.all,
    linkableCoverage: covered.linkable,
    fingerprint: fingerprint(result),
    model: result.model,
    blocking: result.blocking,
  };
}

/** Queries: records whose person has at least one other record, spread evenly over the data. */
function pickQueries(data: Data): { index: number; others: Set<string> }[] {
  const byPerson = new Map<string, number[]>();
  data.truth.forEach((t, i) => {
    const list = byPerson.get(t);
    if (list) list.push(i);
    else byPerson.set(t, [i]);
  });
  const eligible: number[] = [];
  for (let i = 0; i < data.records.length; i++)
    if (byPerson.get(data.truth[i]!)!.length > 1) eligible.push(i);
  const step = Math.max(1, Math.floor(eligible.length / QUERIES));
  const out: { index: number; others: Set<string> }[] = [];
  for (let k = 0; k < eligible.length && out.length < QUERIES; k += step) {
    const index = eligible[k]!;
    const others = byPerson.get(data.truth[index]!)!.filter((j) => j !== index);
    out.push({ index, others: new Set(others.map((j) => data.records[j]!.id)) });
  }
  return out;
}

interface SearchResult {
  latency: Latency;
  /** Share of the queries' other records found in the top 20. */
  recall: number;
  buildSeconds: number;
}

function recallOf(found: string[][], queries: { others: Set<string> }[]): number {
  let wanted = 0;
  let got = 0;
  queries.forEach((q, i) => {
    wanted += q.others.size;
    for (const id of found[i]!) if (q.others.has(id)) got++;
  });
  return wanted === 0 ? 1 : got / wanted;
}

function candidateSearch(data: Data, model: BatchResult['model'], queries: ReturnType<typeof pickQueries>) {
  const t0 = performance.now();
  const index = new CandidateIndex(data.records);
  const buildSeconds = (performance.now() - t0) / 1000;
  const samples: number[] = [];
  const found: string[][] = [];
  // Queries are fresh objects (not the indexed ones), prepared as part of each search.
  const raw = queries.map(({ index: i }) => {
    const r = data.records[i]!;
    return {
      id: `query-${r.id}`,
      firstName: r.forename,
      surname: r.surname,
      dob: r.dob,
      gender: r.gender,
      postcode: r.postcode,
      nhsNumber: r.nhsNumber,
      otherId: r.otherId,
    };
  });
  for (let w = 0; w < Math.min(20, raw.length); w++) index.search(model, raw[w]!, { limit: TOP + 1 });
  for (let q = 0; q < raw.length; q++) {
    const started = performance.now();
    const results = index.search(model, raw[q]!, { limit: TOP + 1 });
    samples.push(performance.now() - started);
    const self = data.records[queries[q]!.index]!.id;
    found.push(
      results
        .map((r) => r.id)
        .filter((id) => id !== self)
        .slice(0, TOP),
    );
  }
  return { latency: latency(samples), recall: recallOf(found, queries), buildSeconds };
}

async function trigramSearch(
  client: SqlClient,
  data: Data,
  queries: ReturnType<typeof pickQueries>,
): Promise<SearchResult> {
  const ids = data.records.map((r) => r.id);
  const indexes = queries.map((q) => q.index);
  const result = await searchByTrigram(client, { ids, names: data.names }, indexes, TOP);
  return {
    latency: result.latency,
    recall: recallOf(result.found, queries),
    buildSeconds: result.buildSeconds,
  };
}

const ms = (value: number) => `${fmt(value, 2)} ms`;
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

if (process.env['BENCH_IDENTITY_HARD'] !== '0') await hardDataSection();

heading(
  `Identity matching (Node ${process.version}, sizes ${SIZES.map((s) => s.toLocaleString('en-GB')).join(', ')}, ${QUERIES} queries)`,
);
for (const size of SIZES) {
  heading(`${size.toLocaleString('en-GB')} records`);
  const data = makeData(size);
  console.log(
    `generated ${data.records.length.toLocaleString('en-GB')} named source records of ${new Set(data.truth).size.toLocaleString('en-GB')} people in ${fmt(data.generateSeconds)} s`,
  );
  const b = await batch(data);
  console.log(
    table(
      ['batch deduplication', 'value'],
      [
        ['seconds (training on the data included)', fmt(b.seconds)],
        ['candidate pairs compared', b.comparisons.toLocaleString('en-GB')],
        ['fingerprint of every kept link and cluster', b.fingerprint],
        ['comparisons per second', Math.round(b.comparisonsPerSecond).toLocaleString('en-GB')],
        ['peak RSS (MB)', fmt(b.peakRssMb, 0)],
        [`precision, auto-link (p >= ${MATCH_THRESHOLDS.autoLink})`, b.autoPrecision.toFixed(4)],
        ['recall, auto-link', b.autoRecall.toFixed(4)],
        [`precision, with review band (p >= ${MATCH_THRESHOLDS.review})`, b.reviewPrecision.toFixed(4)],
        ['recall, with review band', b.reviewRecall.toFixed(4)],
        ['blocking coverage of true pairs', b.coverage.toFixed(4)],
        [`... of true pairs scoring p >= ${MATCH_THRESHOLDS.review}`, b.linkableCoverage.toFixed(4)],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      ['blocking rule', 'block cap', 'blocks', 'pairs in blocks'],
      b.blocking.rules.map((rule) => [
        rule.rule,
        String(rule.cap),
        rule.blocks.toLocaleString('en-GB'),
        rule.pairs.toLocaleString('en-GB'),
      ]),
    ),
  );
  const queries = pickQueries(data);
  const candidate = candidateSearch(data, b.model, queries);
  const engines: [string, SearchResult][] = [];
  {
    const client = await pgliteClient();
    try {
      engines.push(['trigram, PGlite', await trigramSearch(client, data, queries)]);
    } finally {
      await client.close();
    }
  }
  const url = process.env['BENCH_DATABASE_URL'];
  if (url) {
    const client = await postgresClient(url);
    try {
      engines.push(['trigram, PostgreSQL', await trigramSearch(client, data, queries)]);
    } finally {
      await client.close();
    }
  }
  console.log('');
  console.log(
    table(
      ['interactive search', 'build s', 'p50', 'p95', `recall@${TOP}`, 'p95 vs candidate index'],
      [
        [
          'candidate index + model',
          fmt(candidate.buildSeconds),
          ms(candidate.latency.p50),
          ms(candidate.latency.p95),
          pct(candidate.recall),
          '1.00×',
        ],
        ...engines.map(([name, r]) => [
          name,
          fmt(r.buildSeconds),
          ms(r.latency.p50),
          ms(r.latency.p95),
          pct(r.recall),
          ratio(r.latency.p95, candidate.latency.p95),
        ]),
      ],
    ),
  );
  if (!url) console.log('(set BENCH_DATABASE_URL for trigram search on a PostgreSQL server too)');
  const targets =
    size <= 100_000 ? { search: 25, batch: 30 } : size <= 1_000_000 ? { search: 100, batch: 300 } : null;
  if (targets) {
    console.log(
      `targets at this size: search p95 <= ${targets.search} ms (${ms(candidate.latency.p95)}), batch <= ${targets.batch} s (${fmt(b.seconds)} s), memory < 4096 MB (${fmt(b.peakRssMb, 0)} MB)`,
    );
  }
}
