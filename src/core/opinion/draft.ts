import { areaFigures } from '../crs/area';
import { transformBetween } from '../crs/reproject';
import { landUseClass } from '../landuse/gbt21010';
import type { CaseRecord, LayerKind } from '../model';
import type { Lang, RuleSet } from '../rules/ruleSet';
import { fillTemplate } from '../rules/ruleSet';
import type { CaseVerification, Overlap } from '../verify/types';
import { CHINESE_ORDINALS, list, m2, mu2, pct } from './format';

// The processing opinion (处理意见, DESIGN §4), drafted from the facts only: case summary, verification
// facts layer by layer, conclusion, proposed handling with legal basis, points for the reply, signature
// lines. Every figure comes from an overlap row or the breakdown; nothing is invented.

export interface OpinionContext {
  record: CaseRecord;
  result: CaseVerification;
  ruleSet: RuleSet;
  areaCrs: string;
  /** The drafting date (the host's clock), YYYY-MM-DD. */
  date: string;
  /** The workspace's layers in order, with their display names (the translated kind or the manifest's name). */
  layers: { id: string; kind: LayerKind; name: string }[];
}

const KIND_ORDER: LayerKind[] = ['approved_land', 'land_supply', 'real_estate', 'land_use', 'basic_farmland', 'eco_redline', 'urban_boundary', 'planning_zone', 'satellite_patch'];

const T = {
  'zh-CN': {
    title: (id: string) => `关于${id}号信访件的核查处理意见（草稿）`,
    parts: ['信访事项', '核查情况', '核查结论', '处理建议及依据', '答复信访人要点', '办理信息'],
    summary: (c: CaseRecord, where: string) =>
      `${c.receivedDate ?? '—'}，经${c.channel ?? '—'}收到信访件（${c.category ?? '—'}）。反映：${c.complaint ?? '—'}诉求：${c.demands ?? '—'}。涉及地点：${c.place ?? '—'}，${where}。`,
    where: (lon: string, lat: string, crs: string, x: string, y: string, r: number, am2: string, amu: string, point: boolean) =>
      `经度${lon}、纬度${lat}（CGCS2000），${crs}坐标X=${x}、Y=${y}；核查范围${point ? `为以该点为圆心、半径${r}米的区域` : '为所附范围'}，面积${am2}平方米（${amu}亩）`,
    overlap: (o: Overlap, extra: string) => `与${o.featureId}${extra}重叠${mu2(o.areaMu)}亩（${m2(o.planarAreaM2)}平方米，椭球面积${m2(o.ellipsoidalAreaM2)}平方米），占核查范围${pct(o.shareOfCase)}%。`,
    none: (name: string, nearest: string) => `核查范围内未见${name}${nearest}。`,
    nearest: (id: string, d: string) => `，最近的为${id}，相距约${d}米`,
    approvalExtra: (o: Overlap) => `（${[o.mapped.date ? `批准日期${o.mapped.date}` : '', o.mapped.name ?? ''].filter(Boolean).join('，')}）`,
    landExtra: (o: Overlap) => `（地类${o.mapped.code ?? ''}${landUseClass(String(o.mapped.code ?? ''))?.nameZh ?? o.mapped.name ?? ''}）`,
    patchExtra: (o: Overlap) => `（类型${o.mapped.type ?? '—'}，前时相${o.mapped.before ?? '—'}，后时相${o.mapped.after ?? '—'}，${o.mapped.judgement ? `已判定为${o.mapped.judgement}` : '尚未判定'}）`,
    breakdown: (b: CaseVerification['breakdown']) =>
      `套合结果：地块面积${mu2(b.totalMu)}亩，其中占耕地${mu2(b.farmlandMu)}亩、占非耕农用地${mu2(b.otherAgriculturalMu)}亩、占未利用地${mu2(b.unusedMu)}亩、建设用地${mu2(b.constructionMu)}亩${Math.abs(b.remainderMu) >= 0.005 ? `，另有${mu2(b.remainderMu)}亩无国土调查地类` : ''}；占永久基本农田${mu2(b.basicFarmlandMu)}亩，占生态保护红线${mu2(b.ecoRedlineMu)}亩。`,
    noFlags: '经核查，未发现违法违规用地情形。',
    basis: '依据：',
    reply: {
      intro: '已对反映事项进行核查。',
      finding: (text: string) => `经核查：${text}`,
      none: '经核查，所反映地块未发现违法违规用地情形。',
      handling: (text: string) => `处理情况：${text}。`,
      review: '信访人对处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关的上一级行政机关复查。',
    },
    sign: (officer: string, date: string) => `承办人：${officer}\u3000\u3000审核人：__________\u3000\u3000拟稿日期：${date}`,
  },
  en: {
    title: (id: string) => `Processing opinion on complaint ${id} (draft)`,
    parts: ['The complaint', 'Verification facts', 'Conclusion', 'Proposed handling and legal basis', 'Points for the reply to the petitioner', 'Case handling'],
    summary: (c: CaseRecord, where: string) =>
      `Received ${c.receivedDate ?? '—'} by ${c.channel ?? '—'} (${c.category ?? '—'}). Complaint: ${c.complaint ?? '—'} Demands: ${c.demands ?? '—'}. Place: ${c.place ?? '—'}, ${where}.`,
    where: (lon: string, lat: string, crs: string, x: string, y: string, r: number, am2: string, amu: string, point: boolean) =>
      `longitude ${lon}, latitude ${lat} (CGCS2000), ${crs} X = ${x}, Y = ${y}; the area verified is ${point ? `a circle of ${r} m radius around the point` : 'the attached area'}, ${am2} m² (${amu} mu)`,
    overlap: (o: Overlap, extra: string) => `Overlaps ${o.featureId}${extra} by ${mu2(o.areaMu)} mu (${m2(o.planarAreaM2)} m², ellipsoidal ${m2(o.ellipsoidalAreaM2)} m²), ${pct(o.shareOfCase)}% of the area.`,
    none: (name: string, nearest: string) => `No ${name} inside the area${nearest}.`,
    nearest: (id: string, d: string) => `; the nearest is ${id}, about ${d} m away`,
    approvalExtra: (o: Overlap) => ` (${[o.mapped.date ? `approved ${o.mapped.date}` : '', o.mapped.name ?? ''].filter(Boolean).join(', ')})`,
    landExtra: (o: Overlap) => ` (class ${o.mapped.code ?? ''} ${landUseClass(String(o.mapped.code ?? ''))?.nameEn ?? ''})`,
    patchExtra: (o: Overlap) => ` (type ${o.mapped.type ?? '—'}, before ${o.mapped.before ?? '—'}, after ${o.mapped.after ?? '—'}, ${o.mapped.judgement ? `judged ${o.mapped.judgement}` : 'not judged yet'})`,
    breakdown: (b: CaseVerification['breakdown']) =>
      `Overlay breakdown: total ${mu2(b.totalMu)} mu, of which cultivated land ${mu2(b.farmlandMu)} mu, other agricultural land ${mu2(b.otherAgriculturalMu)} mu, unused land ${mu2(b.unusedMu)} mu, construction land ${mu2(b.constructionMu)} mu${Math.abs(b.remainderMu) >= 0.005 ? `, and ${mu2(b.remainderMu)} mu without a land-use class` : ''}; permanent basic farmland ${mu2(b.basicFarmlandMu)} mu, ecological red line ${mu2(b.ecoRedlineMu)} mu.`,
    noFlags: 'The verification found no illegal or irregular land use.',
    basis: 'Basis: ',
    reply: {
      intro: 'The matter you reported has been verified.',
      finding: (text: string) => `Finding: ${text}`,
      none: 'Finding: no illegal or irregular land use was found on the land you reported.',
      handling: (text: string) => `Handling: ${text}.`,
      review: 'If you disagree with this handling, you may ask the next-level authority above the handling office for a review within 30 days of receiving the written reply.',
    },
    sign: (officer: string, date: string) => `Officer: ${officer}    Reviewer: __________    Drafted: ${date}`,
  },
} as const;

/** Flags whose facts may go into the reply: nothing internal, nothing about other persons. */
const REPLY_FLAGS = new Set(['BASIC_FARMLAND', 'ECO_REDLINE', 'NO_APPROVAL', 'FARMLAND_USE', 'OUTSIDE_URBAN_BOUNDARY']);

export function draftOpinion(ctx: OpinionContext, lang: Lang): string {
  const t = T[lang];
  const { record, result, ruleSet } = ctx;
  const ordinal = (i: number) => (lang === 'zh-CN' ? `${CHINESE_ORDINALS[i]}、` : `${i + 1}. `);
  const out: string[] = [t.title(record.id), ''];

  // 1. The complaint, with where it is in both coordinate forms.
  const g = record.geometry;
  const point = g.type === 'Point';
  const lonLat = g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  const [x, y] = transformBetween('EPSG:4490', ctx.areaCrs)(lonLat);
  const area = areaFigures(result.caseAreaM2);
  const where = t.where(lonLat[0].toFixed(7), lonLat[1].toFixed(7), ctx.areaCrs, y.toFixed(3), x.toFixed(3), record.radiusM, m2(area.m2), mu2(area.mu), point);
  out.push(`${ordinal(0)}${t.parts[0]}`, t.summary(record, where), '');

  // 2. Facts layer by layer, in the bureau's usual order.
  out.push(`${ordinal(1)}${t.parts[1]}`);
  const layers = [...ctx.layers].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  let n = 0;
  for (const { id: layerId, name } of layers) {
    if (result.outsideLayers.includes(layerId)) continue;
    const hits = result.overlaps.filter((o) => o.layerId === layerId);
    n += 1;
    const prefix = lang === 'zh-CN' ? `（${CHINESE_ORDINALS[n - 1]}）${name}：` : `(${n}) ${name}: `;
    if (hits.length === 0) {
      const near = result.nearest.find((x) => x.layerId === layerId);
      out.push(prefix + t.none(name, near ? t.nearest(near.featureId, near.distanceM.toFixed(1)) : ''));
      continue;
    }
    const extra = (o: Overlap) => (o.layerKind === 'approved_land' ? t.approvalExtra(o) : o.layerKind === 'land_use' ? t.landExtra(o) : o.layerKind === 'satellite_patch' ? t.patchExtra(o) : '');
    out.push(prefix + hits.map((o) => t.overlap(o, extra(o))).join(lang === 'zh-CN' ? '' : ' '));
  }
  out.push(t.breakdown(result.breakdown), '');

  // 3. Conclusion: the flags in words.
  out.push(`${ordinal(2)}${t.parts[2]}`);
  if (result.flags.length === 0) out.push(t.noFlags);
  result.flags.forEach((f, i) => out.push(`${i + 1}. ${f.message}`));
  out.push('');

  // 4. Handling and legal basis, from the rules' tables.
  out.push(`${ordinal(3)}${t.parts[3]}`);
  const params = result.flags.map((f) => ruleSet.rules.find((r) => r.code === f.code)!).filter(Boolean);
  const handling = [...new Set(params.map((p) => p.handling))];
  if (handling.length === 0) handling.push('explain');
  handling.forEach((h, i) => out.push(`${i + 1}. ${fillTemplate(ruleSet.handling[h]![lang], { days: ruleSet.enforcementDays })}`));
  const basis = [...new Set(params.flatMap((p) => p.legalBasis))].map((b) => ruleSet.legalBasis[b]![lang]);
  if (basis.length > 0) out.push(t.basis + list(basis, lang));
  out.push('');

  // 5. Reply points: land facts and handling only.
  out.push(`${ordinal(4)}${t.parts[4]}`, `1. ${t.reply.intro}`);
  const replyFacts = result.flags.filter((f) => REPLY_FLAGS.has(f.code)).map((f) => f.message.replace(/[，,]\s*(涉及图斑|plots).*$/, '').replace(/[：:]\s*[^：:]*$/, ''));
  out.push(`2. ${replyFacts.length > 0 ? t.reply.finding(list(replyFacts, lang)) + (lang === 'zh-CN' ? '。' : '.') : t.reply.none}`);
  out.push(`3. ${t.reply.handling(fillTemplate(ruleSet.handling[handling[0]!]![lang], { days: ruleSet.enforcementDays }))}`);
  out.push(`4. ${t.reply.review}`, '');

  // 6. Who and when.
  out.push(`${ordinal(5)}${t.parts[5]}`, t.sign(record.officer ?? '__________', ctx.date));
  return `${out.join('\n')}\n`;
}
