import type { CaseFile, FactsSnapshot } from '../cases/caseFile';
import { caseCentre } from '../cases/caseCentre';
import { CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS } from '../cases/caseLabels';
import { parseCategory, parseChannel } from '../cases/caseText';
import { maskIdNumber, maskName, maskPhone, maskText, petitionerSecrets } from '../cases/mask';
import { mapGeometry, transformBetween } from '../crs/reproject';
import { landUseClass } from '../landuse/gbt21010';
import { isLayerKind } from '../model';
import type { Position } from '../model';
import { KIND_NAMES } from '../opinion/layerNames';
import type { Lang } from '../rules/ruleSet';
import type { Breakdown, Overlap } from '../verify/types';
import { caseMapFigure } from './mapFigure';
import type { MapContextFeature } from './mapFigure';
import { REPORT_DOCUMENT_SCHEMA_VERSION } from './reportDocument';
import type { ReportBlock, ReportDocument, ReportImage } from './reportDocument';
import { CASE_REPORT_LABELS } from './reportLabels';
import type { CaseReportLabels } from './reportLabels';

// The verification report of one case (DESIGN §5, issue 8) as content: case data with the petitioner
// masked unless asked otherwise, the map, imagery, overlaps, breakdown, flags, opinion, signatures and
// the sources it rests on. Every figure is the verification's own, formatted, never computed again.

export interface CaseReportInput {
  file: CaseFile;
  /** The facts reported: the case's lastVerification, or the facts its saved opinion was drafted from. */
  facts: FactsSnapshot;
  /** The planar CRS of the verification (its zone and pieces), e.g. EPSG:4547. */
  areaCrs: string;
  lang: Lang;
  /** Print the petitioner's name, phone and ID number as they are (DESIGN §8: masked by default). */
  unmask: boolean;
  /** ISO date-time from the host's clock. */
  generatedAt: string;
  bureau: string;
  /** Layer id → display name (the manifest's name, or the kind in words). */
  layerNames: Record<string, string>;
  /** Layer id → date of the data, where known. */
  layerDates?: Record<string, string>;
  /** Before/after clips the caller read from the imagery; empty when none covers the place. */
  imagery: ReportImage[];
  softwareVersion: string;
  /** Whole overlapping features to outline on the map (optional). */
  mapContext?: MapContextFeature[];
}

const DASH = '—';
const text = (value: string | null | undefined) => (value === null || value === undefined || value.trim() === '' ? DASH : value);

/** m² to 2 decimals, mu to 4, share in percent to 2: the verification's numbers, formatted. */
const formatM2 = (m2: number) => m2.toFixed(2);
const formatMu = (mu: number) => mu.toFixed(4);
const formatShare = (share: number) => `${(share * 100).toFixed(2)}%`;

function keyAttributes(o: Overlap, t: CaseReportLabels, lang: Lang): string {
  const parts: string[] = [];
  for (const [field, label] of t.keyAttributes[o.layerKind] ?? []) {
    const raw = o.mapped[field];
    if (raw === null || raw === undefined || String(raw).trim() === '') continue;
    let value = String(raw).trim();
    if (o.layerKind === 'land_use' && field === 'code') {
      const cls = landUseClass(value);
      const name = lang === 'en' ? cls?.nameEn : (o.mapped.name ? String(o.mapped.name) : cls?.nameZh);
      if (name) value = `${value} ${name}`;
    }
    parts.push(t.keyValue(label, value));
  }
  return parts.length > 0 ? parts.join(t.attributeSeparator) : DASH;
}

function breakdownRows(b: Breakdown, t: CaseReportLabels): string[][] {
  const w = t.breakdown;
  // The four land classes add up to the total with the remainder; farmland and red line are separate.
  return [
    [w.total, formatMu(b.totalMu)],
    [w.farmland, formatMu(b.farmlandMu)],
    [w.otherAgricultural, formatMu(b.otherAgriculturalMu)],
    [w.unused, formatMu(b.unusedMu)],
    [w.construction, formatMu(b.constructionMu)],
    [w.remainder, formatMu(b.remainderMu)],
    [w.basicFarmland, formatMu(b.basicFarmlandMu)],
    [w.ecoRedline, formatMu(b.ecoRedlineMu)],
  ];
}

export function caseReport(input: CaseReportInput): ReportDocument {
  const { file, facts, lang, areaCrs } = input;
  const t = CASE_REPORT_LABELS[lang];
  const record = file.record;
  const result = facts.result;
  const masked = !input.unmask;
  const secrets = petitionerSecrets(record.petitioner, record.phone, file.petitionerIdNumber);
  const free = (value: string | null) => text(masked ? maskText(value, secrets) : value);
  const kindName = (kind: string) => {
    if (!isLayerKind(kind)) return null;
    const name = KIND_NAMES[lang][kind];
    return lang === 'en' ? name[0]!.toUpperCase() + name.slice(1) : name;
  };
  const layerName = (id: string, kind: string) => input.layerNames[id] ?? kindName(kind) ?? id;
  const blocks: ReportBlock[] = [];

  // 1. Case data.
  const toPlane = transformBetween('EPSG:4490', areaCrs);
  const geometry = result.geometry.type === 'Point' || result.geometry.type === 'Polygon' || result.geometry.type === 'LineString' ? result.geometry : record.geometry;
  const isPoint = geometry.type === 'Point';
  const planarCentre: Position = isPoint ? toPlane(geometry.coordinates) : caseCentre(mapGeometry(geometry, toPlane));
  const lonLat = isPoint ? geometry.coordinates : transformBetween(areaCrs, 'EPSG:4490')(planarCentre);
  const channel = parseChannel(record.channel);
  const category = parseCategory(record.category);
  const f = t.fields;
  blocks.push({ kind: 'heading', level: 1, text: t.sections.caseData });
  blocks.push({
    kind: 'fields',
    rows: [
      [f.caseNumber, record.id],
      [f.receivedDate, text(record.receivedDate)],
      [f.channel, channel ? CHANNEL_LABELS[lang][channel] : text(record.channel)],
      [f.category, category ? CATEGORY_LABELS[lang][category] : text(record.category)],
      [f.petitioner, text(masked ? maskName(record.petitioner) : record.petitioner)],
      [f.phone, text(masked ? maskPhone(record.phone) : record.phone)],
      [f.idNumber, text(masked ? maskIdNumber(file.petitionerIdNumber) : file.petitionerIdNumber)],
      [f.complaint, free(record.complaint)],
      [f.demands, free(record.demands)],
      [f.place, free(record.place)],
      // Survey order: X is the northing, Y the easting.
      [f.coordinates, t.coordinates(lonLat[0].toFixed(7), lonLat[1].toFixed(7), planarCentre[1].toFixed(3), planarCentre[0].toFixed(3), areaCrs, !isPoint)],
      [f.zone, t.zone(isPoint, record.radiusM, formatM2(result.caseAreaM2), formatMu(result.breakdown.totalMu))],
      [f.officer, text(file.assignee ?? record.officer)],
      [f.status, STATUS_LABELS[lang][file.status]],
    ],
  });
  blocks.push({ kind: 'paragraph', text: masked ? t.maskedNote : t.unmaskedNote, style: 'note' });

  // 2. The map.
  blocks.push({ kind: 'heading', level: 1, text: t.sections.map });
  const figureInput: Parameters<typeof caseMapFigure>[0] = { zone: result.zone, overlaps: result.overlaps, areaCrs, casePoint: isPoint ? planarCentre : null, lang, caption: t.mapCaption };
  if (input.mapContext) figureInput.context = input.mapContext;
  blocks.push({ kind: 'figure', figure: caseMapFigure(figureInput) });

  // 3. Imagery.
  blocks.push({ kind: 'heading', level: 1, text: t.sections.imagery });
  if (input.imagery.length > 0) blocks.push({ kind: 'images', images: input.imagery });
  else blocks.push({ kind: 'paragraph', text: t.noImagery, style: 'note' });

  // 4. Overlaps, nearest features, the breakdown.
  blocks.push({ kind: 'heading', level: 1, text: t.sections.overlaps });
  const oc = t.overlapColumns;
  if (result.overlaps.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [oc.layer, oc.feature, oc.attributes, oc.areaM2, oc.areaMu, oc.share],
      rows: result.overlaps.map((o) => [layerName(o.layerId, o.layerKind), o.featureId, keyAttributes(o, t, lang), formatM2(o.planarAreaM2), formatMu(o.areaMu), formatShare(o.shareOfCase)]),
      align: ['left', 'left', 'left', 'right', 'right', 'right'],
      widths: [0.15, 0.2, 0.3, 0.13, 0.11, 0.11],
    });
  } else {
    blocks.push({ kind: 'paragraph', text: t.noOverlaps, style: 'body' });
  }
  if (result.outsideLayers.length > 0) {
    const kindOf = (id: string) => facts.layers.find((l) => l.id === id)?.kind ?? '';
    const names = result.outsideLayers.map((id) => layerName(id, kindOf(id)));
    blocks.push({ kind: 'paragraph', text: t.outsideLayers(names.join(lang === 'zh-CN' ? '、' : ', ')), style: 'note' });
  }
  if (result.nearest.length > 0) {
    const kindOf = (id: string) => facts.layers.find((l) => l.id === id)?.kind ?? '';
    blocks.push({ kind: 'heading', level: 2, text: t.sections.nearest });
    blocks.push({
      kind: 'table',
      columns: [t.nearestColumns.layer, t.nearestColumns.feature, t.nearestColumns.distanceM],
      rows: result.nearest.map((n) => [layerName(n.layerId, kindOf(n.layerId)), n.featureId, n.distanceM.toFixed(1)]),
      align: ['left', 'left', 'right'],
      widths: [0.35, 0.4, 0.25],
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: t.sections.breakdown });
  blocks.push({ kind: 'table', columns: [t.breakdownColumns.item, t.breakdownColumns.areaMu], rows: breakdownRows(result.breakdown, t), align: ['left', 'right'], widths: [0.6, 0.4] });

  // 5. Flags.
  blocks.push({ kind: 'heading', level: 1, text: t.sections.flags });
  if (result.flags.length > 0) blocks.push({ kind: 'flags', items: result.flags.map((fl) => ({ severity: fl.severity, code: fl.code, text: free(fl.message) })) });
  else blocks.push({ kind: 'paragraph', text: t.noFlags, style: 'body' });

  // 6. The opinion: the officer's saved text, else the engine's draft from these facts.
  blocks.push({ kind: 'heading', level: 1, text: t.sections.opinion });
  const saved = file.opinion;
  blocks.push({ kind: 'paragraph', text: saved ? t.opinionEdited(saved.savedBy, saved.savedAt) : t.opinionFromDraft, style: 'note' });
  const opinion = saved ? saved.text : facts.draft;
  for (const line of opinion.split(/\r?\n/)) if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: free(line), style: 'opinion' });

  // 7. Signatures.
  blocks.push({ kind: 'heading', level: 1, text: t.sections.signatures });
  blocks.push({ kind: 'signatures', labels: [...t.signatures] });

  // 8. Sources: every layer read, with its checksum, and the versions and time of the verification.
  blocks.push({ kind: 'heading', level: 1, text: t.sections.sources });
  const sc = t.sourceColumns;
  blocks.push({
    kind: 'table',
    columns: [sc.layer, sc.file, sc.date, sc.sha256],
    rows: facts.layers.map((l) => [layerName(l.id, l.kind), l.path, text(input.layerDates?.[l.id]), l.sha256 || DASH]),
    align: ['left', 'left', 'left', 'left'],
    widths: [0.2, 0.22, 0.13, 0.45],
  });
  const sf = t.sourceFields;
  blocks.push({
    kind: 'fields',
    rows: [
      [sf.areaCrs, areaCrs],
      [sf.rulesVersion, text(facts.rulesVersion)],
      [sf.verifiedWith, text(facts.softwareVersion)],
      [sf.verifiedAt, text(facts.verifiedAt)],
      [sf.reportWith, text(input.softwareVersion)],
      [sf.generatedAt, input.generatedAt],
    ],
  });

  return {
    schemaVersion: REPORT_DOCUMENT_SCHEMA_VERSION,
    lang,
    title: t.title,
    subtitle: t.subtitle(record.id, input.bureau.trim()),
    generatedAt: input.generatedAt,
    footer: [input.bureau.trim(), record.id, t.footerNote].filter((s) => s !== '').join('  '),
    masked,
    blocks,
  };
}
