// Child process of `npm run bench`: loads one FlatGeobuf file into the layer store, ready to query, and prints
// {seconds, peakRssMB} as JSON. A process of its own, so the resident memory is the load's and nothing else's.
import { readFileSync } from 'node:fs';
import { storeIndex } from '../../src/core';
import { readFlatGeobufStore } from '../../src/io/flatgeobufStore';

const [file, planarCrs] = process.argv.slice(2) as [string, string];
const start = performance.now();
const { store } = readFlatGeobufStore(new Uint8Array(readFileSync(file)), file, { id: 'parcels', kind: 'real_estate', planarCrs, idField: 'ZDDM' });
storeIndex(store);
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ seconds, features: store.featureCount, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
