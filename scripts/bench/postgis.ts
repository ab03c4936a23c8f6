// `npm run bench -- --postgis`: the peer side of issue 9. A throwaway PostgreSQL 15 + PostGIS 3 cluster from the
// Debian packages (initdb into a temp dir, 127.0.0.1 on a free port, stopped and deleted at the end), loaded with
// the bench's own synthetic data in its planar CRS (EPSG:4547) through node-postgres, COPY of EWKB hex, and the
// equivalent SQL timed as the LandCheck jobs are: load (COPY), GiST index, points in parcels (one index probe per
// point), patch × approved overlay (planar and ellipsoidal areas). Results are checked against LandCheck's.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { LayerStore, Position } from '../../src/core';

export const INSTALL_LINE = 'apt-get install postgresql-15-postgis-3';
const SRID = 4547;

// --- the cluster -------------------------------------------------------------------------------------------------

export interface Cluster {
  port: number;
  dir: string;
  version: string;
  connect(): Promise<pg.Client>;
  stop(): void;
}

/** The PostgreSQL bin directory with PostGIS installed for it (15 preferred), or an error with the install line. */
function findPostgres(): { bin: string; major: string } {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const ordered = majors.includes('15') ? ['15', ...majors.filter((m) => m !== '15')] : majors;
  for (const major of ordered) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')) && existsSync(`/usr/share/postgresql/${major}/extension/postgis.control`)) return { bin, major };
  }
  throw new Error(`--postgis needs PostgreSQL 15 and PostGIS 3 from the Debian packages (${majors.length ? `found PostgreSQL ${majors.join(', ')} without PostGIS` : 'no PostgreSQL under /usr/lib/postgresql'}). Install them with:\n  ${INSTALL_LINE}\n(as root, after apt-get update)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Server settings for a throwaway benchmark cluster: durability off (nothing here needs to survive), memory generous. */
export const SERVER_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  shared_buffers: '2GB',
  work_mem: '256MB',
  maintenance_work_mem: '2GB',
  effective_cache_size: '8GB',
  random_page_cost: '1.1',
  jit: 'off',
};

/** Starts the cluster; stop() (also run on exit and on SIGINT/SIGTERM) stops it and deletes its directory. */
export async function startCluster(): Promise<Cluster> {
  const { bin, major } = findPostgres();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'landcheck-postgis-'));
  const run = (cmd: string, args: string[]) => execFileSync(asRoot ? 'runuser' : join(bin, cmd), asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (existsSync(join(dir, 'db', 'postmaster.pid'))) run('pg_ctl', ['-D', join(dir, 'db'), '-m', 'fast', '-w', 'stop']);
    } catch {
      // already down
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    run('initdb', ['-D', join(dir, 'db'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const options = [`-p ${port}`, `-k ${dir}`, ...Object.entries(SERVER_SETTINGS).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    run('pg_ctl', ['-D', join(dir, 'db'), '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
    const connect = async () => {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await client.connect();
      return client;
    };
    const client = await connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
    const { rows } = await client.query<{ v: string }>(`SELECT split_part(version(), ' ', 2) || ' / PostGIS ' || postgis_lib_version() || ' GEOS ' || split_part(postgis_geos_version(), '-', 1) || ' PROJ ' || split_part(postgis_proj_version(), ' ', 1) AS v`);
    await client.end();
    return { port, dir, version: `PostgreSQL ${rows[0]!.v} (Debian, ${major})`, connect, stop };
  } catch (error) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').split('\n').slice(-20).join('\n') : '';
    stop();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start the PostgreSQL cluster: ${(error as Error).message}\n${stderr}${log}`, { cause: error });
  }
}

// --- EWKB hex and COPY ------------------------------------------------------------------------------------------

/** EWKB (little-endian, with SRID) of a Polygon / MultiPolygon from rings of x, y pairs. */
function ewkbPolygons(polygons: Float64Array[][]): string {
  const multi = polygons.length !== 1;
  let size = 9 + (multi ? 4 : 0);
  for (const rings of polygons) {
    size += (multi ? 5 : 0) + 4;
    for (const ring of rings) size += 4 + ring.length * 8;
  }
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  buf.writeUInt8(1, o); o += 1;
  buf.writeUInt32LE((multi ? 6 : 3) | 0x20000000, o); o += 4;
  buf.writeUInt32LE(SRID, o); o += 4;
  if (multi) { buf.writeUInt32LE(polygons.length, o); o += 4; }
  for (const rings of polygons) {
    if (multi) { buf.writeUInt8(1, o); o += 1; buf.writeUInt32LE(3, o); o += 4; }
    buf.writeUInt32LE(rings.length, o); o += 4;
    for (const ring of rings) {
      buf.writeUInt32LE(ring.length / 2, o); o += 4;
      for (let k = 0; k < ring.length; k++) { buf.writeDoubleLE(ring[k]!, o); o += 8; }
    }
  }
  return buf.toString('hex');
}

function ewkbPoint(x: number, y: number): string {
  const buf = Buffer.allocUnsafe(25);
  buf.writeUInt8(1, 0);
  buf.writeUInt32LE(1 | 0x20000000, 1);
  buf.writeUInt32LE(SRID, 5);
  buf.writeDoubleLE(x, 9);
  buf.writeDoubleLE(y, 17);
  return buf.toString('hex');
}

/** Feature i of a store as EWKB hex (its own planar coordinates, bit for bit). */
export function storeFeatureEwkb(store: LayerStore, i: number): string {
  const polygons: Float64Array[][] = [];
  for (let p = store.featureStart[i]!; p < store.featureStart[i + 1]!; p++) {
    const rings: Float64Array[] = [];
    for (let r = store.partStart[p]!; r < store.partStart[p + 1]!; r++) rings.push(store.coords.subarray(store.ringStart[r]! * 2, store.ringStart[r + 1]! * 2));
    polygons.push(rings);
  }
  return ewkbPolygons(polygons);
}

export function polygonEwkb(rings: Position[][]): string {
  return ewkbPolygons([rings.map((ring) => Float64Array.from(ring.flat()))]);
}

/** The part of pg's Connection a COPY needs (not in @types/pg). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

/** `COPY … FROM STDIN` through node-postgres without another package: a Submittable speaking the copy-in protocol. */
function copyFrom(client: pg.Client, sql: string, chunks: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0, failed = false;
    const submittable = {
      submit(connection: CopyConnection) { connection.query(sql); },
      handleCopyInResponse(connection: CopyConnection) {
        void (async () => {
          try {
            for (const chunk of chunks) {
              if (failed) return;
              connection.sendCopyFromChunk(Buffer.from(chunk));
              if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
            }
            connection.endCopyFrom();
          } catch (error) {
            connection.sendCopyFail(String(error));
          }
        })();
      },
      handleCommandComplete(msg: { text?: string }) { rows = Number(msg.text?.split(' ')[1] ?? 0); },
      handleReadyForQuery() { resolve(rows); },
      handleError(error: Error) { failed = true; reject(error); },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    client.query(submittable as unknown as pg.Submittable);
  });
}

/** Text-format COPY lines `i<TAB>ewkb` in chunks of `per` rows. */
function* copyLines(count: number, row: (i: number) => string, per = 2_000): Generator<string> {
  for (let start = 0; start < count; start += per) {
    let text = '';
    for (let i = start; i < Math.min(count, start + per); i++) text += `${i}\t${row(i)}\n`;
    yield text;
  }
}

// --- the jobs ------------------------------------------------------------------------------------------------------

export interface PostgisData {
  size: number;
  parcels: LayerStore;
  /** x, y pairs of the 10k points, planar. */
  points: Float64Array;
  patches: Position[][][];
  approved: LayerStore;
}

export interface PostgisResults {
  /** Parcel index per point (-1 when none), from the timed query. */
  located: Int32Array;
  /** Points on a shared edge (or a vertex) of two or more parcels, or in none: where "the parcel containing it" is not one. */
  onEdge: Set<number>;
  overlay: { pairs: number; overlaps: number; planarM2: number; ellipsoidalM2: number };
}

type Report = (job: string, size: number, items: number, seconds: number, peakRssMB: number | null, extra?: Record<string, unknown>) => void;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Peak resident memory (VmHWM, MB) of the backend serving this client; it counts the shared buffers it touched. */
async function backendPeakMB(client: pg.Client): Promise<number | null> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const status = readFileSync(`/proc/${rows[0]!.pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, (performance.now() - t) / 1000];
}

/** Loads one size's data, runs the timed jobs (each on a fresh backend, so its peak memory is its own) and reports them. */
export async function runPostgisJobs(cluster: Cluster, data: PostgisData, runs: number, report: Report): Promise<PostgisResults> {
  const { size, parcels, points, patches, approved } = data;
  const setup = await cluster.connect();
  /** fn on a fresh backend: its value, the backend's peak memory, and the seconds fn took (connecting not included). */
  const fresh = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<[T, number | null, number]> => {
    const client = await cluster.connect();
    try {
      const [value, seconds] = await timed(() => fn(client));
      return [value, await backendPeakMB(client), seconds];
    } finally {
      await client.end();
    }
  };
  try {
    // Load and index the parcels, `runs` times from scratch: COPY of EWKB hex, then the GiST index and ANALYZE.
    const loadTimes: number[] = [], indexTimes: number[] = [], analyzeTimes: number[] = [];
    let loadPeak: number | null = null, indexPeak: number | null = null, tableMB = 0, indexMB = 0;
    for (let r = 0; r < runs; r++) {
      await setup.query('DROP TABLE IF EXISTS parcels');
      const [, peak, loadSeconds] = await fresh(async (client) => {
        await client.query('BEGIN');
        await client.query(`CREATE TABLE parcels (id integer NOT NULL, geom geometry(Polygon, ${SRID}) NOT NULL)`);
        await copyFrom(client, 'COPY parcels (id, geom) FROM STDIN', copyLines(size, (i) => storeFeatureEwkb(parcels, i)));
        await client.query('COMMIT');
      });
      loadPeak = peak;
      loadTimes.push(loadSeconds);
      const [analyzeSeconds, peak2, indexSeconds] = await fresh(async (client) => {
        await client.query('CREATE INDEX parcels_geom ON parcels USING gist (geom)');
        return (await timed(() => client.query('ANALYZE parcels')))[1];
      });
      indexPeak = peak2;
      indexTimes.push(indexSeconds);
      analyzeTimes.push(analyzeSeconds);
    }
    const { rows: sizes } = await setup.query<{ t: string; i: string }>(`SELECT pg_table_size('parcels') AS t, pg_relation_size('parcels_geom') AS i`);
    tableMB = +(Number(sizes[0]!.t) / 2 ** 20).toFixed(1);
    indexMB = +(Number(sizes[0]!.i) / 2 ** 20).toFixed(1);
    report('load-layer', size, size, median(loadTimes), loadPeak, { step: 'COPY of EWKB hex into geometry(Polygon, 4547)', tableMB });
    report('index-layer', size, size, median(indexTimes), indexPeak, { step: 'CREATE INDEX USING gist + ANALYZE', analyzeSeconds: +median(analyzeTimes).toFixed(4), indexMB });

    // The other tables, untimed: points, patches, approved, with their GiST indexes.
    const n = points.length / 2;
    await setup.query(`DROP TABLE IF EXISTS pts, patches, approved;
      CREATE TABLE pts (i integer NOT NULL, geom geometry(Point, ${SRID}) NOT NULL);
      CREATE TABLE patches (i integer NOT NULL, geom geometry(Polygon, ${SRID}) NOT NULL);
      CREATE TABLE approved (i integer NOT NULL, geom geometry(Polygon, ${SRID}) NOT NULL)`);
    await copyFrom(setup, 'COPY pts (i, geom) FROM STDIN', copyLines(n, (i) => ewkbPoint(points[i * 2]!, points[i * 2 + 1]!)));
    await copyFrom(setup, 'COPY patches (i, geom) FROM STDIN', copyLines(patches.length, (i) => polygonEwkb(patches[i]!)));
    await copyFrom(setup, 'COPY approved (i, geom) FROM STDIN', copyLines(approved.featureCount, (i) => storeFeatureEwkb(approved, i)));
    await setup.query(`CREATE INDEX ON pts USING gist (geom); CREATE INDEX ON patches USING gist (geom); CREATE INDEX ON approved USING gist (geom);
      ANALYZE pts; ANALYZE patches; ANALYZE approved`);

    // Points in parcels: one GiST probe per point, LATERAL, the lowest parcel id among those it intersects.
    const locateSql = `SELECT array_agg(coalesce(m.id, -1) ORDER BY q.i) AS ids FROM pts q
      LEFT JOIN LATERAL (SELECT p.id FROM parcels p WHERE ST_Intersects(p.geom, q.geom) ORDER BY p.id LIMIT 1) m ON true`;
    const locateTimes: number[] = [];
    let located = new Int32Array(n), locatePeak: number | null = null;
    for (let r = 0; r < runs; r++) {
      const [ids, peak, seconds] = await fresh(async (client) => (await client.query<{ ids: number[] }>(locateSql)).rows[0]!.ids);
      located = Int32Array.from(ids);
      locatePeak = peak;
      locateTimes.push(seconds);
    }
    const { rows: planRows } = await setup.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${locateSql}`);
    const plan = planRows.map((row) => row['QUERY PLAN']).join('\n');
    report('locate-points', size, n, median(locateTimes), locatePeak, { matched: located.filter((i) => i >= 0).length, indexProbe: /Index Scan using parcels_geom/.test(plan) });
    // Untimed: the points where "the parcel containing it" is not a single one (on a shared edge or vertex, or outside).
    const { rows: edgeRows } = await setup.query<{ i: number }>(`SELECT q.i FROM pts q LEFT JOIN parcels p ON ST_Intersects(p.geom, q.geom)
      GROUP BY q.i HAVING count(p.id) <> 1 OR NOT coalesce(bool_and(ST_Contains(p.geom, q.geom)), false)`);
    const onEdge = new Set(edgeRows.map((row) => row.i));

    // Patch overlay: every intersecting patch × approved pair, ST_Intersection, planar and ellipsoidal (CGCS2000) areas.
    const overlaySql = `SELECT count(*)::int AS pairs, (count(*) FILTER (WHERE a > 0))::int AS overlaps, coalesce(sum(a), 0) AS planar, coalesce(sum(e), 0) AS ellipsoidal
      FROM (SELECT ST_Area(x) AS a, ST_Area(ST_Transform(x, 4490)::geography) AS e
            FROM (SELECT ST_Intersection(p.geom, a.geom) AS x FROM patches p JOIN approved a ON ST_Intersects(p.geom, a.geom)) s) t`;
    const overlayTimes: number[] = [];
    let overlay: PostgisResults['overlay'] = { pairs: 0, overlaps: 0, planarM2: 0, ellipsoidalM2: 0 }, overlayPeak: number | null = null;
    for (let r = 0; r < runs; r++) {
      const [row, peak, seconds] = await fresh(async (client) => (await client.query<{ pairs: number; overlaps: number; planar: number; ellipsoidal: number }>(overlaySql)).rows[0]!);
      overlay = { pairs: row.pairs, overlaps: row.overlaps, planarM2: Number(row.planar), ellipsoidalM2: Number(row.ellipsoidal) };
      overlayPeak = peak;
      overlayTimes.push(seconds);
    }
    report('patch-overlay', size, patches.length, median(overlayTimes), overlayPeak, {
      approved: approved.featureCount, pairs: overlay.pairs, overlaps: overlay.overlaps, overlapHa: +(overlay.planarM2 / 10_000).toFixed(3), ellipsoidalHa: +(overlay.ellipsoidalM2 / 10_000).toFixed(3),
    });
    await setup.query('DROP TABLE IF EXISTS parcels, pts, patches, approved');
    return { located, onEdge, overlay };
  } finally {
    await setup.end();
  }
}
