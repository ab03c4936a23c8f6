// Child process of `npm run bench`: loads one FlatGeobuf file into the layer store, ready to query, and prints
// {seconds, features, peakRssMB, ...} as JSON. A process of its own, so the resident memory is the load's and
// Node's (and tsx's: `baseRssMB` is the peak before the load starts), nothing else's. Run it with Node's default
// heap flags: an inflated heap limit lets garbage stand and is not what the app runs with.
//
// The file is read by ranges (readFlatGeobufStoreFrom), never whole: through a promises FileHandle, the next
// window read ahead while one is walked; `--fd` reads by synchronous positioned reads on a file descriptor instead
// (nothing read ahead: a little slower in runs on a busy 2-core machine). Attributes are kept as their bytes and
// decoded on access (lazyAttributes); `--eager` decodes them into objects. `--whole` reads the whole file into
// memory first (readFlatGeobufStore), the way this job loaded before, for comparison.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { storeIndex } from '../../src/core';
import { readFlatGeobufStore, readFlatGeobufStoreFrom } from '../../src/io/flatgeobufStore';
import { fileHandleSource, positionedReadSource } from '../../src/io/rangeSource';
import type { FlatGeobufStoreOptions, FlatGeobufStoreResult } from '../../src/io/flatgeobufStore';

const args = process.argv.slice(2);
const [file, planarCrs] = args.filter((a) => !a.startsWith('--')) as [string, string];
const flag = (name: string) => args.includes(`--${name}`);
/**
 * The peak resident set of this process so far, MB (MiB): VmHWM on Linux. Not process.resourceUsage().maxRSS
 * alone: across the bench's fork and exec it keeps the parent's peak (the bench holds ~1.7 GB of generated features
 * when it starts this child, and that is what this job used to report).
 */
function peakRssMB(): number {
  try {
    const vmHWM = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (vmHWM) return Math.round(Number(vmHWM[1]) / 1024);
  } catch {
    // not Linux: the rusage figure, which may include the parent's
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
const baseRssMB = peakRssMB();
const options: FlatGeobufStoreOptions = { id: 'parcels', kind: 'real_estate', planarCrs, idField: 'ZDDM', lazyAttributes: !flag('eager') };

async function load(): Promise<FlatGeobufStoreResult> {
  if (flag('whole')) return readFlatGeobufStore(new Uint8Array(readFileSync(file)), file, options);
  if (flag('fd')) {
    const fd = openSync(file, 'r');
    try {
      return await readFlatGeobufStoreFrom(positionedReadSource(fstatSync(fd).size, (buffer, length, position) => readSync(fd, buffer, 0, length, position)), file, options);
    } finally {
      closeSync(fd);
    }
  }
  const handle = await open(file);
  try {
    return await readFlatGeobufStoreFrom(await fileHandleSource(handle), file, options);
  } finally {
    await handle.close();
  }
}

const start = performance.now();
const { store } = await load();
storeIndex(store);
const seconds = (performance.now() - start) / 1000;
const storeMB = (store.coords.byteLength + store.ringStart.byteLength + store.partStart.byteLength + store.featureStart.byteLength + store.bbox.byteLength + store.index.byteLength) / 2 ** 20;
console.log(JSON.stringify({ seconds, features: store.featureCount, peakRssMB: peakRssMB(), baseRssMB, storeMB: +storeMB.toFixed(1), heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) }));
