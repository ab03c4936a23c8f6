import type { CaseCategory, CaseChannel, CaseStatus } from './caseFile';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_STATUSES } from './caseFile';

// Ledger cells name statuses, channels and categories in the bureau's own words. Each parser tries
// the exact word first and then a telling fragment, so "上级转办来信" is a transfer and "待受理" is
// not mistaken for accepted. What nothing matches stays null: the caller decides the default.

/** Case-insensitive and blind to spaces, full-width or not, and to enum spelling like "followedUp". */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
}

function byExactWord<T extends string>(enumValues: readonly T[], words: Record<string, T>): Map<string, T> {
  const table = new Map<string, T>(enumValues.map((v) => [normalise(v), v]));
  for (const [word, value] of Object.entries(words)) table.set(normalise(word), value);
  return table;
}

const STATUS_WORDS = byExactWord<CaseStatus>(CASE_STATUSES, {
  登记: 'registered', 已登记: 'registered', 待受理: 'registered', new: 'registered',
  受理: 'accepted', 已受理: 'accepted',
  核查: 'verifying', 核查中: 'verifying', 调查核实: 'verifying', verification: 'verifying',
  拟办: 'drafted', 已拟办: 'drafted', 'opinion drafted': 'drafted', draft: 'drafted',
  审核: 'reviewed', 已审核: 'reviewed', 审核通过: 'reviewed', review: 'reviewed',
  答复: 'replied', 已答复: 'replied', reply: 'replied',
  回访: 'followedUp', 已回访: 'followedUp', 'followed up': 'followedUp', 'follow up': 'followedUp',
  办结: 'closed', 已办结: 'closed', 销号: 'closed', 已销号: 'closed', 不予受理: 'closed', 结案: 'closed', done: 'closed',
});

export function parseStatus(text: string | null): CaseStatus | null {
  if (text === null) return null;
  return STATUS_WORDS.get(normalise(text)) ?? null;
}

const CHANNEL_WORDS = byExactWord<CaseChannel>(CASE_CHANNELS, {
  来信: 'letter', 信件: 'letter',
  来访: 'visit', 走访: 'visit',
  '12336热线': 'hotline12336', '12336': 'hotline12336', 热线: 'hotline12336', hotline: 'hotline12336',
  网上信箱: 'online', 网上信访: 'online', 市长信箱: 'online', 网络: 'online', 网上: 'online',
  上级转办: 'transferred', 转办: 'transferred', 交办: 'transferred', transfer: 'transferred',
});

// Fragments in the order they win: a transferred letter is a transfer, a hotline web form a hotline case.
const CHANNEL_FRAGMENTS: [string, CaseChannel][] = [
  ['转办', 'transferred'], ['交办', 'transferred'],
  ['12336', 'hotline12336'], ['热线', 'hotline12336'],
  ['信箱', 'online'], ['网上', 'online'], ['网络', 'online'],
  ['来访', 'visit'], ['来信', 'letter'],
];

export function parseChannel(text: string | null): CaseChannel | null {
  if (text === null) return null;
  const word = normalise(text);
  return CHANNEL_WORDS.get(word) ?? CHANNEL_FRAGMENTS.find(([fragment]) => word.includes(fragment))?.[1] ?? null;
}

const CATEGORY_WORDS = byExactWord<CaseCategory>(CASE_CATEGORIES, {
  违法占地: 'illegalOccupation', 非法占地: 'illegalOccupation',
  违法建设: 'farmlandConstruction', 占用耕地建房: 'farmlandConstruction', 耕地建房: 'farmlandConstruction',
  基本农田破坏: 'basicFarmlandDamage', 破坏基本农田: 'basicFarmlandDamage',
  征地补偿: 'acquisitionCompensation',
  登记争议: 'registrationDispute', 登记纠纷: 'registrationDispute',
  矿产违法: 'mining', 非法采矿: 'mining',
  规划违法: 'planningViolation',
  界址纠纷: 'boundaryDispute', 权属纠纷: 'boundaryDispute',
  其他: 'other', 其它: 'other',
});

// Most specific first: basic farmland before farmland building, planning before building.
const CATEGORY_FRAGMENTS: [string, CaseCategory][] = [
  ['基本农田', 'basicFarmlandDamage'],
  ['采矿', 'mining'], ['矿产', 'mining'],
  ['征地', 'acquisitionCompensation'],
  ['界址', 'boundaryDispute'], ['权属', 'boundaryDispute'],
  ['登记', 'registrationDispute'],
  ['规划', 'planningViolation'],
  ['建房', 'farmlandConstruction'], ['违法建设', 'farmlandConstruction'],
  ['占地', 'illegalOccupation'],
];

export function parseCategory(text: string | null): CaseCategory | null {
  if (text === null) return null;
  const word = normalise(text);
  return CATEGORY_WORDS.get(word) ?? CATEGORY_FRAGMENTS.find(([fragment]) => word.includes(fragment))?.[1] ?? null;
}
