/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import defaultRules from '../../data/rules/default.json?raw';
import { buildLayerStore, identifyAt, InputError, lookupCrs, mapFields, parseLocateQuery, transformBetween } from '../core';
import { draftAcceptanceNotice, draftExtensionNotice, draftNonAcceptanceNotice, draftReplyLetter } from '../core';
import type { Breakdown, CaseFile, PatchRow, SuggestionSettings } from '../core';
import { KIND_NAMES } from '../core';
import type { CaseRecord, CrsInfo, FactsSnapshot, LayerStore, Geometry, IdentifiedFeature, LayerKind, Lang, Position, VerificationDocument, VerifyWorkspace } from '../core';
import { readVectorFile } from '../io/formats';
import type { VectorFileRead } from '../io/formats';
import { readFlatGeobufStore } from '../io/flatgeobufStore';
import { imageryApi, openImagery, registerWorkspaceImagery } from './imagery';
import { inspectFile } from '../io/inspect';
import type { InspectReport } from '../io/inspect';
import { collectionBbox, resolveCrs, swapAxes, toLonLat } from '../io/layerFile';
import type { CrsDecision } from '../io/layerFile';
import { loadRuleSet, prepareVerification, runVerification, sha256Hex, verifyAndDraft, workspaceAreaCrs } from '../io/verification';
import { loadWorkspace } from '../io/workspace';
import type { LoadedImagery, LoadedLayer, LoadedWorkspace } from '../io/workspace';
import { binaryGeometry, styleFieldFor, transferablesOf } from '../map/binaryGeometry';
import type { BinaryGeometry } from '../map/binaryGeometry';
import { LARGE_LAYER_FEATURES, largeLayer, layerView } from './layerViews';
import { patchChunk } from './patchReview';
import type { ReportFile, ReportFormat, ReportImagery } from './reports';

/** The report writers (docx, pdfkit, resvg) are loaded on the first report, not with the worker. */
const reportWriters = () => import('./reports');
import type { PatchChunk } from './patchReview';
import { writePatchExport } from '../io/patchExports';
import type { PatchExportFormat, PatchExportItem } from '../io/patchExports';
import type { BBox, LargeLayer, LayerView } from './layerViews';

// Reads, parses and verifies a workspace off the main thread. Imagery leaves as transferred
// ImageBitmaps; the layer stores stay here, where verification runs.

/** `drawnCorners`: where `image` lies when it is not the whole image by its own corners (a warped or windowed picture). */
export type ViewImagery = Omit<LoadedImagery, 'rgba'> & { image: ImageBitmap; drawnCorners?: [Position, Position, Position, Position] };
/**
 * A layer as the page sees it: its facts and its geometry in binary form, never the features themselves.
 * A `large` layer comes without geometry (only its style values): the page asks for views of it.
 */
export type ViewLayer = Omit<LoadedLayer, 'lonLat'> & { geometry: BinaryGeometry; large: boolean };
export type ViewWorkspace = Omit<LoadedWorkspace, 'imagery' | 'layers'> & { imagery: ViewImagery[]; layers: ViewLayer[] };

/** Layers drawn by view, by id (see layerViews.ts). */
const largeLayers = new Map<string, LargeLayer>();

function viewLayer({ lonLat, ...facts }: LoadedLayer): ViewLayer {
  const styleField = styleFieldFor(facts.kind, facts.fields);
  if (lonLat.features.length <= LARGE_LAYER_FEATURES) return { ...facts, geometry: binaryGeometry(lonLat, styleField), large: false };
  const large = largeLayer(facts.kind, lonLat, styleField);
  largeLayers.set(facts.id, large);
  const geometry = binaryGeometry({ type: 'FeatureCollection', features: [] }, null);
  geometry.styleValues = large.styleValues;
  return { ...facts, geometry, large: true };
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

let current: { loaded: LoadedWorkspace; base: URL; verify: VerifyWorkspace | null; imported: Map<string, Uint8Array> } | null = null;

let knownCrsList: CrsInfo[] | null = null;

/** SHA-256 of each layer's bytes, by id: a layer's bytes never change under its id, and hashing 200 MB takes a second. */
const layerChecksums = new Map<string, Promise<string>>();

/** The bytes a layer was read from: kept for an imported one, fetched again for one of the manifest. */
function layerBytes(id: string, path: string): Promise<Uint8Array> {
  return current!.imported.get(id) ? Promise.resolve(current!.imported.get(id)!) : fetchBytes(new URL(path, current!.base));
}

function layerChecksum(id: string, path: string): Promise<string> {
  if (!layerChecksums.has(id)) layerChecksums.set(id, layerBytes(id, path).then(sha256Hex));
  return layerChecksums.get(id)!;
}

/**
 * How an added FlatGeobuf layer read in its own CRS becomes a verification store, by layer id: straight from its
 * bytes (src/io/flatgeobufStore.ts; seconds faster at 10^6 parcels than from the lon/lat features), whenever the
 * store is made — on adding, or later with the rest when the verification is first prepared. The attributes are the
 * features' own objects, as buildLayerStore shares them. Other layers, a CRS the user named against the header, or
 * swapped axes: from the lon/lat features.
 */
const storeRecipes = new Map<string, (areaCrs: string) => LayerStore>();

function rememberStoreRecipe(layer: LoadedLayer, bytes: Uint8Array, read: VectorFileRead, decision: CrsDecision): void {
  const ownCrs = !read.declaredCrs || read.declaredCrs.code === decision.crs.code;
  if (read.format !== 'flatgeobuf' || !ownCrs || decision.axesSwapped) return;
  const sourceCrs = decision.crs.code;
  storeRecipes.set(layer.id, (areaCrs) => {
    const { store } = readFlatGeobufStore(bytes, layer.path, { id: layer.id, kind: layer.kind, planarCrs: areaCrs, idField: layer.fields.id ?? null, sourceCrs, lazyAttributes: true });
    // Feature i of the store is feature i of the file as the reader read it; anything else is not this path's.
    if (store.featureCount !== layer.lonLat.features.length) return buildLayerStore(layer.id, layer.kind, layer.lonLat, areaCrs, layer.fields.id ?? null);
    return { ...store, attributes: layer.lonLat.features.map((f) => f.properties) };
  });
}

/** The verification store of a layer in the area CRS (prepareVerification's storeOf). */
function verifyStoreOf(layer: LoadedLayer, areaCrs: string): LayerStore {
  return storeRecipes.get(layer.id)?.(areaCrs) ?? buildLayerStore(layer.id, layer.kind, layer.lonLat, areaCrs, layer.fields.id ?? null);
}

/** Letters drafted from a case (DESIGN §4). */
export type LetterKind = 'reply' | 'acceptance' | 'nonAcceptance' | 'extension';


/** How long the worker's jobs took, newest last (the performance e2e reports them as figures). */
export interface WorkerTiming {
  job: string;
  ms: number;
}
const timings: WorkerTiming[] = [];
/** Keeps a job's time (the newest 2,000). */
function keepTiming(job: string, ms: number): void {
  timings.push({ job, ms });
  if (timings.length > 2000) timings.shift();
}
/** Runs `work` and keeps its time under `job` (or the name `job` gives its result). */
function timed<T>(job: string | ((value: T) => string), work: () => T): T {
  const start = performance.now();
  const value = work();
  keepTiming(typeof job === 'string' ? job : job(value), performance.now() - start);
  return value;
}

/** A user's message for anything a reader or the core refused. */
const explain = (error: unknown) => (error instanceof InputError ? error.message : `${(error as Error).message ?? error}`);

async function verifyWorkspace(): Promise<VerifyWorkspace> {
  if (!current) throw new Error('no workspace is loaded');
  if (!current.verify) {
    const { loaded, base } = current;
    current.verify = prepareVerification(loaded, await loadRuleSet(loaded, (path) => fetchBytes(new URL(path, base)), { text: defaultRules, file: 'data/rules/default.json' }), verifyStoreOf);
  }
  return current.verify;
}

export interface CaseReportRequest {
  format: ReportFormat;
  lang: Lang;
  unmask: boolean;
  bureau: string;
  generatedAt: string;
  /** YYYY-MM-DD, for a verification made for the report. */
  date: string;
  softwareVersion: string;
  imagery: ReportImagery[];
}

/** Verifies one case against the loaded layers and keeps the facts with the layers' SHA-256 and the drafted opinion. */
async function verifyRecord(record: CaseRecord, options: { lang: Lang; verifiedAt: string; date: string; softwareVersion: string }): Promise<FactsSnapshot> {
  const vws = await verifyWorkspace();
  const { loaded } = current!;
  const others = loaded.cases.filter((c) => c.id !== record.id);
  const ws = { ...loaded, cases: [...others, record] };
  // The layers' SHA-256 first: a new 200 MB layer takes a second to hash, once, and that is not the case's time.
  const layers = await Promise.all(loaded.layers.map(async (l) => ({ id: l.id, kind: l.kind, path: l.path, sha256: await layerChecksum(l.id, l.path) })));
  const start = performance.now();
  const { result, opinion } = verifyAndDraft(ws, { ...vws, cases: ws.cases }, record, options.lang, options.date);
  keepTiming('verifyCase', performance.now() - start);
  return { verifiedAt: options.verifiedAt, rulesVersion: vws.ruleSet.version, softwareVersion: options.softwareVersion, layers, result, draft: opinion, draftLang: options.lang };
}

async function caseReportOf(file: CaseFile, options: CaseReportRequest): Promise<ReportFile> {
  const vws = await verifyWorkspace();
  const facts = file.opinion?.facts ?? file.lastVerification ?? (await verifyRecord(file.record, { lang: options.lang, verifiedAt: options.generatedAt, date: options.date, softwareVersion: options.softwareVersion }));
  const layerNames = Object.fromEntries(current!.loaded.layers.map((l) => [l.id, l.name ?? KIND_NAMES[options.lang][l.kind]]));
  return (await reportWriters()).caseReportFile(file, facts, { ...options, areaCrs: vws.areaCrs, layerNames });
}

export type LocateResult = { ok: true; lonLat: Position; how: string; label: string } | { ok: false; reason: 'empty' | 'coordinates' | 'notFound' };

const api = {
  async load(manifestUrl: string): Promise<ViewWorkspace> {
    const base = new URL(manifestUrl, self.location.href);
    const name = decodeURIComponent(base.pathname.split('/').pop() ?? manifestUrl);
    const loaded = await loadWorkspace(name, () => fetchBytes(base), (path) => fetchBytes(new URL(path, base)));
    current = { loaded, base, verify: null, imported: new Map() };
    for (const img of loaded.imagery) registerWorkspaceImagery(img.id, img.crs.code, () => fetchBytes(new URL(img.path, base)), img.path);
    largeLayers.clear();
    storeRecipes.clear();
    layerChecksums.clear();
    const imagery = await Promise.all(
      loaded.imagery.map(async ({ rgba, ...rest }) => ({
        ...rest,
        image: await createImageBitmap(new ImageData(new Uint8ClampedArray(rgba), rest.width, rest.height)),
      })),
    );
    const layers = loaded.layers.map(viewLayer);
    return transfer({ ...loaded, layers, imagery }, [...imagery.map((i) => i.image), ...layers.flatMap((l) => transferablesOf(l.geometry))]);
  },

  /** Verifies the loaded workspace's cases (all, or those named) exactly as `landcheck verify` does. */
  async verify(options: { caseIds?: string[]; lang: Lang; generatedAt: string; date: string }): Promise<VerificationDocument> {
    const vws = await verifyWorkspace();
    const { loaded, base, imported } = current!;
    const read = (path: string) => fetchBytes(new URL(path, base));
    const bytesById = Object.fromEntries(await Promise.all(loaded.layers.map(async (l) => [l.id, imported.get(l.id) ?? (await read(l.path))] as const)));
    const run = await runVerification(loaded, vws, { ...options, layerBytes: bytesById });
    return run.document;
  },

  /** What the page's ledger needs of the rules: the planar CRS and how near a repeat complaint is. */
  async ledgerSettings(): Promise<{ areaCrs: string; repeatDistanceM: number }> {
    const vws = await verifyWorkspace();
    return { areaCrs: vws.areaCrs, repeatDistanceM: vws.ruleSet.repeatDistanceM };
  },

  /** The ledger as the page keeps it: verification (repeats) and locate see these cases from now on. */
  setCases(records: CaseRecord[]): void {
    if (!current) return;
    current.loaded.cases = records;
    if (current.verify) current.verify.cases = records;
  },

  /**
   * Verifies one case (already given by setCases, or given here) and returns the facts to keep with it:
   * the result, the layers read with their SHA-256, the rule-set version, and the drafted opinion.
   */
  async verifyOne(record: CaseRecord, options: { lang: Lang; verifiedAt: string; date: string; softwareVersion: string }): Promise<FactsSnapshot> {
    return verifyRecord(record, options);
  },

  /**
   * Verifies several cases one after the other (the ledger's batch verification) and returns their facts in the
   * same order; `onProgress(done, total)` after each (a comlink proxy). A case that cannot be verified comes
   * back as { error } and does not stop the others.
   */
  async verifyMany(records: CaseRecord[], options: { lang: Lang; verifiedAt: string; date: string; softwareVersion: string }, onProgress: (done: number, total: number) => void): Promise<(FactsSnapshot | { error: string })[]> {
    const facts: (FactsSnapshot | { error: string })[] = [];
    for (const record of records) {
      try {
        facts.push(await verifyRecord(record, options));
      } catch (error) {
        facts.push({ error: explain(error) });
      }
      // Progress every few cases: each call is a message to the page.
      if (facts.length % 10 === 0 || facts.length === records.length) await onProgress(facts.length, records.length);
    }
    return facts;
  },

  /**
   * A case's verification report (DOCX or PDF): from the facts its saved opinion was drafted from, else its
   * last verification, else a verification made now. `imagery`: the page's images with their dates.
   */
  async caseReport(file: CaseFile, options: CaseReportRequest): Promise<ReportFile | { error: string }> {
    try {
      const report = await caseReportOf(file, options);
      return transfer(report, [report.bytes.buffer as ArrayBuffer]);
    } catch (error) {
      return { error: explain(error) };
    }
  },

  /** The reports of many cases in one zip; `onProgress(done, total)` after each (a comlink proxy). */
  async caseReportsZip(files: CaseFile[], options: CaseReportRequest & { zipName: string }, onProgress: (done: number, total: number) => void): Promise<ReportFile | { error: string }> {
    try {
      const reports: ReportFile[] = [];
      for (const file of files) {
        reports.push(await caseReportOf(file, options));
        await onProgress(reports.length, files.length);
      }
      const bytes = (await reportWriters()).reportsZip(reports);
      return transfer({ bytes, fileName: options.zipName, mime: 'application/zip' }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      return { error: explain(error) };
    }
  },

  /** The patch review summary report of a layer (counts and areas by judgement and type, and every patch). */
  async patchSummaryReport(rows: PatchRow[], breakdowns: Record<string, Breakdown>, options: { format: ReportFormat; lang: Lang; layerName: string; bureau: string; generatedAt: string; softwareVersion: string }): Promise<ReportFile | { error: string }> {
    try {
      const report = await (await reportWriters()).patchSummaryFile(rows, breakdowns, options);
      return transfer(report, [report.bytes.buffer as ArrayBuffer]);
    } catch (error) {
      return { error: explain(error) };
    }
  },

  /** Drafts a letter to the petitioner from the case (and, for the reply, from its verification). */
  async draftLetter(kind: LetterKind, ctx: { record: CaseRecord; bureau: string; date: string; lang: Lang; dueDate?: string; reason?: string; newDueDate?: string; extensionDays?: number; facts?: FactsSnapshot; findings?: string }): Promise<string> {
    const base = { record: ctx.record, bureau: ctx.bureau, date: ctx.date };
    switch (kind) {
      case 'acceptance':
        return draftAcceptanceNotice({ ...base, dueDate: ctx.dueDate ?? '' }, ctx.lang);
      case 'nonAcceptance':
        return draftNonAcceptanceNotice({ ...base, reason: ctx.reason ?? '' }, ctx.lang);
      case 'extension':
        return draftExtensionNotice({ ...base, reason: ctx.reason ?? '', newDueDate: ctx.newDueDate ?? '', extensionDays: ctx.extensionDays ?? 0 }, ctx.lang);
      case 'reply': {
        if (!ctx.facts) throw new Error('the reply letter is drafted from a verification: verify the case first');
        const vws = await verifyWorkspace();
        return draftReplyLetter({ ...base, result: ctx.facts.result, ruleSet: vws.ruleSet, findings: ctx.findings ?? '' }, ctx.lang);
      }
    }
  },

  /** What a file holds, before it is added (the import dialog). Refusals come back as { error }. */
  async inspect(bytes: Uint8Array, name: string, crs?: string): Promise<{ report: InspectReport } | { error: string }> {
    try {
      return { report: await inspectFile(bytes, name, { named: crs, fallback: current ? workspaceAreaCrs(current.loaded) : undefined }) };
    } catch (error) {
      return { error: explain(error) };
    }
  },

  /** Adds a file as a layer of the given kind; the workspace changes only when all of it was read. */
  async addLayer(bytes: Uint8Array, name: string, kind: LayerKind, fields: Record<string, string>, crs?: string, wantedId?: string): Promise<{ layer: ViewLayer } | { error: string }> {
    if (!current) return { error: 'no workspace is loaded' };
    try {
      const start = performance.now();
      const read = await readVectorFile(bytes, name);
      keepTiming('addLayer.read', performance.now() - start);
      const decision = resolveCrs(read, { named: crs, fallback: workspaceAreaCrs(current.loaded) }, name);
      const stored = decision.axesSwapped ? swapAxes(read.collection) : read.collection;
      const lonLat = timed('addLayer.toLonLat', () => toLonLat(stored, decision.crs.code));
      const fieldNames = [...new Set(read.collection.features.flatMap((f) => Object.keys(f.properties)))];
      // A layer restored from the browser's storage keeps its id: saved cases' facts name it.
      let id = wantedId ?? name.replace(/\.[^.]+$/, '');
      for (let n = 2; current.loaded.layers.some((l) => l.id === id); n++) id = `${name.replace(/\.[^.]+$/, '')}-${n}`;
      const layer: LoadedLayer = {
        id, kind, name: null, path: name, visible: true, format: read.format, encoding: read.encoding, crs: decision.crs,
        fields: mapFields(kind, fieldNames, fields), featureCount: read.collection.features.length, lonLat, bboxLonLat: collectionBbox(lonLat),
      };
      current.loaded.layers.push(layer);
      current.imported.set(id, bytes);
      const areaCrs = current.verify?.areaCrs;
      rememberStoreRecipe(layer, bytes, read, decision);
      if (areaCrs) current.verify!.layers.push({ store: timed('addLayer.store', () => verifyStoreOf(layer, areaCrs)), fields: layer.fields });
      const view = timed('addLayer.binaryGeometry', () => viewLayer(layer));
      return transfer({ layer: view }, transferablesOf(view.geometry));
    } catch (error) {
      return { error: explain(error) };
    }
  },

  /** Adds a GeoTIFF as imagery; its date comes from the file name (…20090818…) when it carries one. */
  async addImagery(bytes: Uint8Array, name: string, wantedId?: string): Promise<{ imagery: ViewImagery } | { error: string }> {
    return addImageryFrom(bytes, name, wantedId);
  },

  /** Adds a Cloud-Optimized GeoTIFF by its http(s) URL: only the tiles each view needs are fetched. */
  async addImageryUrl(url: string, wantedId?: string): Promise<{ imagery: ViewImagery } | { error: string }> {
    return addImageryFrom(url.trim(), decodeURIComponent(url.trim().split(/[?#]/)[0]!.split('/').pop() || url.trim()), wantedId);
  },

  ...imageryApi,

  /** Every CRS the core registry knows (the import dialog offers them all). */
  knownCrs(): CrsInfo[] {
    // The registry names CRSs by EPSG numbers of four or five digits; it is asked once (aliases left out).
    if (!knownCrsList) {
      knownCrsList = [];
      for (let epsg = 1000; epsg < 100_000; epsg++) {
        const info = lookupCrs(`EPSG:${epsg}`);
        if (info?.code === `EPSG:${epsg}`) knownCrsList.push(info);
      }
    }
    return knownCrsList;
  },

  /** What to draw of a large layer over a lon/lat box, as vectors or as a picture (layerViews.ts). */
  layerView(layerId: string, bbox: BBox, widthPx: number, heightPx: number): LayerView | null {
    const layer = largeLayers.get(layerId);
    if (!layer) return null;
    const view = timed((v) => `layerView.${v.kind}`, () => layerView(layer, bbox, widthPx, heightPx));
    return view.kind === 'vector' ? transfer(view, transferablesOf(view.geometry)) : transfer(view, [view.image]);
  },

  /** Facts and suggested judgements of patches [start, start + count) of a satellite_patch layer. */
  async patchChunk(layerId: string, start: number, count: number, settings: SuggestionSettings, lang: Lang): Promise<PatchChunk> {
    const vws = await verifyWorkspace();
    const layer = current!.loaded.layers.find((l) => l.id === layerId);
    if (!layer) throw new Error(`no layer ${layerId}`);
    return timed('patchChunk', () => patchChunk(vws, layer, start, count, settings, lang));
  },

  /** Review results as GeoJSON, a zipped Shapefile or XLSX (with the summary sheet). */
  async exportPatches(items: PatchExportItem[], format: PatchExportFormat, options: { crs: string; baseName: string; encoding?: 'gbk' | 'utf-8' }): Promise<{ bytes: Uint8Array; fileName: string; mime: string } | { error: string }> {
    try {
      const file = await writePatchExport(items, format, options);
      return transfer(file, [file.bytes.buffer as ArrayBuffer]);
    } catch (error) {
      return { error: explain(error) };
    }
  },

  /** The worker's recent job times. */
  timings(): WorkerTiming[] {
    return [...timings];
  },

  removeLayer(id: string): void {
    largeLayers.delete(id);
    if (!current) return;
    current.loaded.layers = current.loaded.layers.filter((l) => l.id !== id);
    current.imported.delete(id);
    layerChecksums.delete(id);
    storeRecipes.delete(id);
    if (current.verify) current.verify.layers = current.verify.layers.filter((l) => l.store.id !== id);
  },

  /** Every feature of the given layers under a lon/lat, with attributes and areas. */
  async identify(lonLat: Position, layerIds: string[]): Promise<IdentifiedFeature[]> {
    const vws = await verifyWorkspace();
    return identifyAt(vws.layers.filter((l) => layerIds.includes(l.store.id)), lonLat, vws.areaCrs);
  },

  /** A parcel's or patch's own geometry by its id (a case located on a feature covers the feature). */
  featureGeometry(wanted: string): { layerId: string; geometry: Geometry } | null {
    if (!current) return null;
    for (const layer of current.loaded.layers) {
      const idField = layer.fields.id;
      if (!idField) continue;
      const hit = layer.lonLat.features.find((f) => f.geometry && String(f.properties[idField] ?? '') === wanted);
      if (hit?.geometry) return { layerId: layer.id, geometry: hit.geometry };
    }
    return null;
  },

  /** A coordinate in any form the locate box takes, or a case number or feature id. */
  async locate(text: string): Promise<LocateResult> {
    const vws = await verifyWorkspace();
    const query = parseLocateQuery(text, vws.areaCrs);
    if (query.kind === 'error') return { ok: false, reason: query.reason === 'empty' ? 'empty' : 'coordinates' };
    if (query.kind === 'position') return { ok: true, lonLat: query.lonLat, how: query.how, label: text.trim() };
    const wanted = query.text;
    const hit = current!.loaded.cases.find((c) => c.id === wanted);
    if (hit) {
      const g = hit.geometry;
      return { ok: true, lonLat: g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[0]! : g.coordinates[0]![0]!, how: 'case', label: wanted };
    }
    const toLonLatPosition = transformBetween(vws.areaCrs, 'EPSG:4490');
    for (const { store } of vws.layers) {
      const i = store.ids.indexOf(wanted);
      if (i < 0) continue;
      const b = store.bbox.subarray(i * 4, i * 4 + 4);
      return { ok: true, lonLat: toLonLatPosition([(b[0]! + b[2]!) / 2, (b[1]! + b[3]!) / 2]), how: store.id, label: wanted };
    }
    return { ok: false, reason: 'notFound' };
  },
};

async function addImageryFrom(input: Uint8Array | string, name: string, wantedId?: string): Promise<{ imagery: ViewImagery } | { error: string }> {
  if (!current) return { error: 'no workspace is loaded' };
  try {
    const digits = /(19|20)(\d{2})(\d{2})(\d{2})/.exec(name);
    const stem = name.replace(/\.[^.]+$/, '');
    // An image restored from the browser's storage keeps its id.
    let id = wantedId ?? stem;
    for (let n = 2; current.loaded.imagery.some((i) => i.id === id); n++) id = `${stem}-${n}`;
    const opened = await openImagery(id, input, typeof input === 'string' ? input : name);
    const imagery: ViewImagery = {
      id, name: null, path: typeof input === 'string' ? input : name, date: digits ? `${digits[1]}${digits[2]}-${digits[3]}-${digits[4]}` : '', crs: opened.crs,
      width: opened.width, height: opened.height, cornersLonLat: opened.cornersLonLat, image: opened.picture.image, drawnCorners: opened.picture.corners,
    };
    const { image: _bitmap, drawnCorners: _drawn, ...kept } = imagery;
    current.loaded.imagery.push({ ...kept, rgba: new Uint8ClampedArray(0) });
    return transfer({ imagery }, [imagery.image]);
  } catch (error) {
    return { error: explain(error) };
  }
}

export type WorkspaceWorkerApi = typeof api;
expose(api);
