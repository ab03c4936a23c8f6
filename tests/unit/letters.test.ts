import { describe, expect, it } from 'vitest';
import { draftAcceptanceNotice, draftExtensionNotice, draftNonAcceptanceNotice, draftReplyLetter, parseRuleSet } from '../../src/core';
import type { CaseRecord, CaseVerification } from '../../src/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';

const ruleSet = parseRuleSet(readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8'), 'default.json');
const record: CaseRecord = {
  id: 'HK-2026-001', receivedDate: '2026-07-03', channel: '12336热线', category: '基本农田破坏', petitioner: '郭涛', phone: '13671400095',
  complaint: '村民在永久基本农田上建房。', demands: '请求依法查处；恢复耕地', place: '李家湾村', status: '受理', officer: '程晓东',
  geometry: { type: 'Point', coordinates: [114.88, 30.44] }, radiusM: 20, attributes: {},
};
const result = (severity: 'high' | 'info' | null) => ({
  id: record.id, geometry: record.geometry, zone: [], caseAreaM2: 1256, overlaps: [], nearest: [], outsideLayers: [],
  breakdown: { totalMu: 1.88, farmlandMu: 1.88, otherAgriculturalMu: 0, unusedMu: 0, constructionMu: 0, basicFarmlandMu: 1.88, ecoRedlineMu: 0, remainderMu: 0 },
  flags: severity ? [{ code: severity === 'high' ? 'BASIC_FARMLAND' : 'PATCH_UNJUDGED', severity, message: 'x', areaM2: 1256, featureIds: [] }] : [],
}) as CaseVerification;

describe('letters to the petitioner', () => {
  it('the reply letter answers each demand in turn, with the legal basis and the 30-day review', () => {
    const text = draftReplyLetter({ record, result: result('high'), ruleSet, bureau: '黄冈市自然资源和规划局', date: '2026-08-20', findings: '占用永久基本农田约1.88亩。' }, 'zh-CN');
    expect(text).toMatch(/关于“请求依法查处”的诉求：予以支持。依据《中华人民共和国土地管理法》第三十五条/);
    expect(text).toMatch(/关于“恢复耕地”的诉求：予以支持/);
    expect(text).toMatch(/30日内向上一级行政机关请求复查/);
    expect(draftReplyLetter({ record, result: result(null), ruleSet, bureau: 'B', date: '2026-08-20', findings: '未发现违法用地。' }, 'en')).toMatch(/"restore|On your demand "请求依法查处": not supported/);
  });

  it('the notices name the case, the dates and, for an extension, refuse more than 30 days', () => {
    const base = { record, bureau: '黄冈市自然资源和规划局', date: '2026-07-10' };
    expect(draftAcceptanceNotice({ ...base, dueDate: '2026-09-08' }, 'zh-CN')).toMatch(/已于2026-07-10受理.*60日内.*2026-09-08前/s);
    expect(draftNonAcceptanceNotice({ ...base, reason: '该事项已经或者依法应当通过诉讼解决', competentBody: '人民法院' }, 'zh-CN')).toMatch(/不予受理。请向人民法院提出/);
    expect(draftExtensionNotice({ ...base, reason: '需现场测量', newDueDate: '2026-10-08', extensionDays: 30 }, 'en')).toMatch(/extended by 30 days/);
    expect(() => draftExtensionNotice({ ...base, reason: 'x', newDueDate: '2026-10-20', extensionDays: 40 }, 'zh-CN')).toThrow(/30 days/);
  });
});
