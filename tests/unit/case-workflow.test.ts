import { describe, expect, it } from 'vitest';
import {
  assignCase, caseFileFromImport, CaseFlowError, changeStatus, editRecord, extendReply, newCaseFile, nextStatuses,
  parseCategory, parseChannel, parseStatus, recordVerification, saveOpinion,
} from '../../src/core';
import type { CaseFile, CaseRecord, CaseStatus, FactsSnapshot } from '../../src/core';

const record: CaseRecord = {
  id: 'XF-2026-0001', receivedDate: '2026-07-03', channel: '12336热线', category: '占用耕地建房', petitioner: '郭涛', phone: '13671400095',
  complaint: '村民在耕地上建房。', demands: '请求依法查处', place: '李家湾村', status: null, officer: '程晓东',
  geometry: { type: 'Point', coordinates: [114.88, 30.44] }, radiusM: 20, attributes: { 案件编号: 'XF-2026-0001' },
};
const at = (date: string) => `${date}T09:30:00+08:00`;
const who = (date: string) => ({ by: '王敏', at: at(date) });

function flowError(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CaseFlowError) return error.code;
    throw error;
  }
  return undefined;
}

const facts = { verifiedAt: at('2026-07-06'), rulesVersion: '2026.1', softwareVersion: '1.0.0', layers: [{ id: 'bf', kind: 'basic_farmland', path: 'bf.shp', sha256: 'ab' }], result: {}, draft: '经核查…', draftLang: 'zh-CN' } as unknown as FactsSnapshot;

describe('the case flow', () => {
  const registered = newCaseFile(record, { by: '王敏', at: at('2026-07-03'), petitionerIdNumber: ' 420102199001011234 ', how: 'map click' });

  it('registers a new case for the record\'s officer and logs how it was located', () => {
    expect(registered).toMatchObject({ schemaVersion: 1, status: 'registered', assignee: '程晓东', petitionerIdNumber: '420102199001011234', acceptedDate: null, extension: null });
    expect(registered.audit).toEqual([{ at: at('2026-07-03'), by: '王敏', action: 'registered', note: 'map click' }]);
  });

  it('allows the next step only, returned-for-changes and not-accepted included', () => {
    expect(nextStatuses('registered')).toEqual(['accepted', 'closed']);
    expect(nextStatuses('reviewed')).toEqual(['replied', 'drafted']);
    expect(nextStatuses('followedUp')).toEqual(['closed']);
    expect(nextStatuses('closed')).toEqual([]);
    expect(flowError(() => changeStatus(registered, 'verifying', who('2026-07-04')))).toBe('notNext');
  });

  it('stamps acceptance, reply and closure with the date of the step, without touching the old file', () => {
    const accepted = changeStatus(registered, 'accepted', { ...who('2026-07-05'), note: '符合受理条件' });
    expect(accepted.acceptedDate).toBe('2026-07-05');
    expect(accepted.audit[1]).toEqual({ at: at('2026-07-05'), by: '王敏', action: 'status', from: 'registered', to: 'accepted', note: '符合受理条件' });
    expect(registered.status).toBe('registered');
    expect(registered.audit).toHaveLength(1);

    let file: CaseFile = accepted;
    const steps: [CaseStatus, string][] = [['verifying', '2026-07-06'], ['drafted', '2026-07-07'], ['reviewed', '2026-07-08'], ['drafted', '2026-07-09'], ['reviewed', '2026-07-10'], ['replied', '2026-07-20'], ['followedUp', '2026-07-25'], ['closed', '2026-07-28']];
    for (const [to, date] of steps) file = changeStatus(file, to, who(date));
    expect(file).toMatchObject({ status: 'closed', acceptedDate: '2026-07-05', repliedDate: '2026-07-20', closedDate: '2026-07-28' });
    // registered + accepted + 8 steps
    expect(file.audit).toHaveLength(10);

    const notAccepted = changeStatus(registered, 'closed', who('2026-07-04'));
    expect(notAccepted).toMatchObject({ status: 'closed', acceptedDate: null, closedDate: '2026-07-04' });
  });

  it('extends the reply once, by 1 to 30 days, only while the reply is owed', () => {
    const ext = { days: 30, grantedDate: '2026-08-20', reason: '需现场测量' };
    expect(flowError(() => extendReply(registered, ext, who('2026-08-20')))).toBe('extensionNotAccepted');
    const accepted = changeStatus(registered, 'accepted', who('2026-07-05'));
    const extended = extendReply(accepted, ext, who('2026-08-20'));
    expect(extended.extension).toEqual(ext);
    expect(extended.audit.at(-1)).toMatchObject({ action: 'extended', note: '30 days: 需现场测量' });
    expect(flowError(() => extendReply(extended, { ...ext, days: 5 }, who('2026-08-21')))).toBe('extensionTwice');
    expect(flowError(() => extendReply(accepted, { ...ext, days: 31 }, who('2026-08-20')))).toBe('extensionTooLong');
    expect(flowError(() => extendReply(accepted, { ...ext, days: 0 }, who('2026-08-20')))).toBe('extensionDays');
    expect(flowError(() => extendReply(accepted, { ...ext, days: 40 }, who('2026-08-20'), { acceptDays: 15, replyDays: 60, maxExtensionDays: 45, dueSoonDays: 3 }))).toBeUndefined();
  });

  it('moves an accepted case to verifying on its first verification, and a verifying one to drafted on saving the opinion', () => {
    const accepted = changeStatus(registered, 'accepted', who('2026-07-05'));
    const verified = recordVerification(accepted, facts, who('2026-07-06'));
    expect(verified.status).toBe('verifying');
    expect(verified.lastVerification).toBe(facts);
    expect(verified.audit.slice(-2).map((e) => [e.action, e.from, e.to])).toEqual([['verified', undefined, undefined], ['status', 'accepted', 'verifying']]);
    // Verifying before acceptance keeps the status.
    expect(recordVerification(registered, facts, who('2026-07-04')).status).toBe('registered');

    const opinion = { lang: 'zh-CN' as const, text: '经核查，属实。', draft: '经核查…', savedAt: at('2026-07-07'), savedBy: '王敏', facts };
    const drafted = saveOpinion(verified, opinion, who('2026-07-07'));
    expect(drafted.status).toBe('drafted');
    expect(drafted.opinion).toBe(opinion);
    expect(saveOpinion(drafted, { ...opinion, text: '再改' }, who('2026-07-08')).status).toBe('drafted');
  });

  it('logs reassignment, and nothing when the officer is the same', () => {
    const moved = assignCase(registered, ' 李娜 ', who('2026-07-04'));
    expect(moved.assignee).toBe('李娜');
    expect(moved.audit.at(-1)).toMatchObject({ action: 'assigned', from: '程晓东', to: '李娜' });
    expect(assignCase(moved, '李娜', who('2026-07-05'))).toBe(moved);
  });

  it('logs which fields were edited, never the petitioner\'s values, and keeps the case number', () => {
    const edited = editRecord(registered, { petitioner: '郭涛涛', phone: '13671400096', place: '李家湾村', petitionerIdNumber: '420102199001019999' }, who('2026-07-04'));
    expect(edited.record).toMatchObject({ petitioner: '郭涛涛', phone: '13671400096' });
    expect(edited.petitionerIdNumber).toBe('420102199001019999');
    const note = edited.audit.at(-1)!.note!;
    // place was given unchanged, so it is not listed
    expect(note).toBe('changed: petitioner, phone, petitionerIdNumber');
    expect(note).not.toMatch(/郭|1367|4201/);
    expect(editRecord(registered, { place: '李家湾村' }, who('2026-07-04'))).toBe(registered);
    expect(flowError(() => editRecord(registered, { id: 'XF-2026-0002' }, who('2026-07-04')))).toBe('idChanged');
  });
});

describe('importing ledger rows as case files', () => {
  it('takes the recorded status, dates and officer, and moves the ID number out of the attributes', () => {
    const row = { ...record, status: '已受理', attributes: { 案件编号: 'XF-2026-0001', 受理日期: '2026/7/5', 身份证号: '420102199001011234' } };
    const file = caseFileFromImport(row, { by: '王敏', at: at('2026-09-01') });
    expect(file).toMatchObject({ status: 'accepted', acceptedDate: '2026-07-05', repliedDate: null, assignee: '程晓东', petitionerIdNumber: '420102199001011234' });
    expect(file.record.attributes).toEqual({ 案件编号: 'XF-2026-0001', 受理日期: '2026/7/5' });
    expect(row.attributes.身份证号).toBe('420102199001011234');
    expect(file.audit).toEqual([{ at: at('2026-09-01'), by: '王敏', action: 'imported' }]);
  });

  it('takes an unrecognised status as registered and says so in the log', () => {
    const file = caseFileFromImport({ ...record, status: '研究中', attributes: { 办结日期: '2026-08-01', 证件号码: '' } }, { by: 'cli', at: at('2026-09-01') });
    expect(file).toMatchObject({ status: 'registered', closedDate: '2026-08-01', petitionerIdNumber: null });
    expect(file.audit[0]!.note).toBe('status "研究中" not recognised, taken as registered');
  });
});

describe('reading the bureau\'s words', () => {
  it('statuses', () => {
    const cases: [string, CaseStatus | null][] = [
      ['登记', 'registered'], ['待受理', 'registered'], ['受理', 'accepted'], ['已受理', 'accepted'], ['核查中', 'verifying'], ['拟办', 'drafted'],
      ['审核', 'reviewed'], ['已答复', 'replied'], ['回访', 'followedUp'], ['办结', 'closed'], ['已办结', 'closed'], ['销号', 'closed'],
      ['不予受理', 'closed'], ['followedUp', 'followedUp'], ['Followed up', 'followedUp'], ['CLOSED', 'closed'], ['研究中', null],
    ];
    for (const [text, status] of cases) expect([text, parseStatus(text)]).toEqual([text, status]);
    expect(parseStatus(null)).toBeNull();
  });

  it('channels', () => {
    const cases: [string, ReturnType<typeof parseChannel>][] = [
      ['来信', 'letter'], ['来访', 'visit'], ['12336热线', 'hotline12336'], ['12336', 'hotline12336'], ['１２３３６ 热线', 'hotline12336'],
      ['网上信箱', 'online'], ['市长信箱', 'online'], ['网络', 'online'], ['上级转办', 'transferred'], ['交办', 'transferred'],
      ['省厅转办来信', 'transferred'], ['hotline12336', 'hotline12336'], ['群众举报', null],
    ];
    for (const [text, channel] of cases) expect([text, parseChannel(text)]).toEqual([text, channel]);
  });

  it('categories', () => {
    const cases: [string, ReturnType<typeof parseCategory>][] = [
      ['违法占地', 'illegalOccupation'], ['违法建设', 'farmlandConstruction'], ['占用耕地建房', 'farmlandConstruction'], ['耕地建房', 'farmlandConstruction'],
      ['基本农田破坏', 'basicFarmlandDamage'], ['占用永久基本农田建房', 'basicFarmlandDamage'], ['征地补偿', 'acquisitionCompensation'],
      ['登记争议', 'registrationDispute'], ['登记纠纷', 'registrationDispute'], ['矿产违法', 'mining'], ['非法采矿', 'mining'],
      ['规划违法', 'planningViolation'], ['界址纠纷', 'boundaryDispute'], ['权属纠纷', 'boundaryDispute'], ['其他', 'other'], ['mining', 'mining'], ['噪音扰民', null],
    ];
    for (const [text, category] of cases) expect([text, parseCategory(text)]).toEqual([text, category]);
  });
});

describe('an imported ledger row with 延期天数', () => {
  it('keeps the extension, so the reply is due 60 + 30 days after acceptance', async () => {
    const { caseDeadline } = await import('../../src/core');
    const row = { ...record, receivedDate: '2026-09-13', status: '受理', attributes: { 受理日期: '2026-09-13', 延期天数: '30' } };
    const file = caseFileFromImport(row, { by: 'import', at: at('2026-11-22') });
    expect(file.extension).toEqual({ days: 30, grantedDate: '2026-09-13', reason: '台账导入 / imported from the ledger' });
    // 2026-09-13 + 90 days = 2026-12-12; from 2026-11-22 that is 20 days left.
    expect(caseDeadline(file, '2026-11-22')).toEqual({ kind: 'reply', dueDate: '2026-12-12', daysLeft: 20, mark: 'onTime' });
    // Without the extension: due 2026-11-12, ten days overdue.
    const plain = caseFileFromImport({ ...row, attributes: { 受理日期: '2026-09-13' } }, { by: 'import', at: at('2026-11-22') });
    expect(caseDeadline(plain, '2026-11-22')).toEqual({ kind: 'reply', dueDate: '2026-11-12', daysLeft: -10, mark: 'overdue' });
  });
});

describe('an imported ledger whose ID number column has a bureau-specific name', () => {
  it('takes the ID number out of the kept row when the user mapped that column', () => {
    const row = { ...record, attributes: { 案件编号: 'XF-2026-0001', 信访人证件: '420102199001011234' } };
    const extras = { idNumber: '420102199001011234', acceptedDate: null, repliedDate: null, closedDate: null, idNumberColumn: '信访人证件' };
    const file = caseFileFromImport(row, { by: 'import', at: at('2026-11-22') }, extras);
    expect(file.petitionerIdNumber).toBe('420102199001011234');
    expect(file.record.attributes).toEqual({ 案件编号: 'XF-2026-0001' });
  });
});
