import type { Lang } from '../rules/ruleSet';
import type { CaseCategory, CaseChannel, CaseStatus } from './caseFile';
import type { DeadlineMark } from './deadlines';

// The words for statuses, channels, categories and deadline marks in exports and on screen. The
// Chinese words are the ones bureaus write in their ledgers, so an exported ledger reads back in.

export const STATUS_LABELS: Record<Lang, Record<CaseStatus, string>> = {
  'zh-CN': { registered: '登记', accepted: '受理', verifying: '核查', drafted: '拟办', reviewed: '审核', replied: '答复', followedUp: '回访', closed: '办结' },
  en: { registered: 'Registered', accepted: 'Accepted', verifying: 'Verifying', drafted: 'Opinion drafted', reviewed: 'Reviewed', replied: 'Replied', followedUp: 'Followed up', closed: 'Closed' },
};

export const CHANNEL_LABELS: Record<Lang, Record<CaseChannel, string>> = {
  'zh-CN': { letter: '来信', visit: '来访', hotline12336: '12336热线', online: '网上信箱', transferred: '上级转办' },
  en: { letter: 'Letter', visit: 'Visit', hotline12336: '12336 hotline', online: 'Online mailbox', transferred: 'Transferred' },
};

export const CATEGORY_LABELS: Record<Lang, Record<CaseCategory, string>> = {
  'zh-CN': {
    illegalOccupation: '违法占地',
    farmlandConstruction: '违法建设',
    basicFarmlandDamage: '基本农田破坏',
    acquisitionCompensation: '征地补偿',
    registrationDispute: '登记争议',
    mining: '矿产违法',
    planningViolation: '规划违法',
    boundaryDispute: '界址纠纷',
    other: '其他',
  },
  en: {
    illegalOccupation: 'Illegal land occupation',
    farmlandConstruction: 'Illegal construction',
    basicFarmlandDamage: 'Basic farmland damage',
    acquisitionCompensation: 'Acquisition compensation',
    registrationDispute: 'Registration dispute',
    mining: 'Illegal mining',
    planningViolation: 'Planning violation',
    boundaryDispute: 'Boundary dispute',
    other: 'Other',
  },
};

export const DEADLINE_LABELS: Record<Lang, Record<DeadlineMark, string>> = {
  'zh-CN': { overdue: '超期', dueSoon: '临期', onTime: '正常' },
  en: { overdue: 'overdue', dueSoon: 'due soon', onTime: 'on time' },
};
