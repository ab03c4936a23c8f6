import { areaCrsFor, buildLayerStore, draftOpinion, KIND_NAMES, lookupCrs, parseRuleSet, verificationDocument, verifyCase } from '../core';
import type { CaseRecord, CaseVerification, Lang, LayerStore, RuleSet, VerificationDocument, VerifyWorkspace } from '../core';
import { decodeUtf8 } from './text';
import type { LoadedWorkspace, ReadBytes } from './workspace';

// Builds the verification workspace from a loaded one (stores in the area CRS, field mappings, rules)
// and runs it: the same path for the CLI and the worker.

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The rules named by the manifest, or the defaults. */
export async function loadRuleSet(ws: LoadedWorkspace, readBytes: ReadBytes, defaults: { text: string; file: string }): Promise<RuleSet> {
  if (!ws.manifest.rules) return parseRuleSet(defaults.text, defaults.file);
  return parseRuleSet(decodeUtf8(await readBytes(ws.manifest.rules)), ws.manifest.rules);
}

/** The workspace's planar area CRS: areaCrs when named, else the CGCS2000 zone of the data's centre. */
export function workspaceAreaCrs(ws: { manifest: LoadedWorkspace['manifest']; layers: Pick<LoadedWorkspace['layers'][number], 'bboxLonLat'>[] }): string {
  if (ws.manifest.areaCrs && !lookupCrs(ws.manifest.areaCrs)?.geographic) return lookupCrs(ws.manifest.areaCrs)!.code;
  const boxes = ws.layers.map((l) => l.bboxLonLat).filter((b): b is [number, number, number, number] => b !== null);
  const centre = boxes.length ? (Math.min(...boxes.map((b) => b[0])) + Math.max(...boxes.map((b) => b[2]))) / 2 : 114;
  return areaCrsFor(centre).code;
}

/** A layer's store in the area CRS: from its lon/lat features, unless the caller has a quicker way (the worker's FlatGeobuf). */
export type StoreOf = (layer: LoadedWorkspace['layers'][number], areaCrs: string) => LayerStore;
const fromFeatures: StoreOf = (l, areaCrs) => buildLayerStore(l.id, l.kind, l.lonLat, areaCrs, l.fields.id ?? null);

export function prepareVerification(ws: LoadedWorkspace, ruleSet: RuleSet, storeOf: StoreOf = fromFeatures): VerifyWorkspace {
  const areaCrs = workspaceAreaCrs(ws);
  return { areaCrs, ruleSet, cases: ws.cases, layers: ws.layers.map((l) => ({ store: storeOf(l, areaCrs), fields: l.fields })) };
}

/** One case verified against the workspace's layers, and the opinion drafted from it. */
export function verifyAndDraft(ws: LoadedWorkspace, vws: VerifyWorkspace, record: CaseRecord, lang: Lang, date: string): { result: CaseVerification; opinion: string } {
  const result = verifyCase(vws, record, lang);
  const layers = ws.layers.map((l) => ({ id: l.id, kind: l.kind, name: l.name ?? KIND_NAMES[lang][l.kind] }));
  return { result, opinion: draftOpinion({ record, result, ruleSet: vws.ruleSet, areaCrs: vws.areaCrs, date, layers }, lang) };
}

export interface VerificationRun {
  document: VerificationDocument;
  results: CaseVerification[];
  /** case id → opinion text */
  opinions: Record<string, string>;
}

export async function runVerification(
  ws: LoadedWorkspace,
  vws: VerifyWorkspace,
  options: { caseIds?: string[]; lang?: Lang; generatedAt: string; date: string; layerBytes: Record<string, Uint8Array> },
): Promise<VerificationRun> {
  const lang = options.lang ?? 'zh-CN';
  const cases = options.caseIds ? ws.cases.filter((c) => options.caseIds!.includes(c.id)) : ws.cases;
  const results: CaseVerification[] = [];
  const opinions: Record<string, string> = {};
  for (const record of cases) {
    const { result, opinion } = verifyAndDraft(ws, vws, record, lang, options.date);
    results.push(result);
    opinions[result.id] = opinion;
  }
  const layers = await Promise.all(
    ws.layers.map(async (l) => ({ id: l.id, kind: l.kind, path: l.path, sha256: await sha256Hex(options.layerBytes[l.id] ?? new Uint8Array()), crs: l.crs.code, featureCount: l.featureCount })),
  );
  const document = verificationDocument(ws.manifestPath, options.generatedAt, layers, results.map((result) => ({ result, opinion: { lang, text: opinions[result.id]! } })));
  return { document, results, opinions };
}
