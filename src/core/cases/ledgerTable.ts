import type { Lang } from '../rules/ruleSet';
import { caseCentre } from './caseCentre';
import { CATEGORY_LABELS, CHANNEL_LABELS, DEADLINE_LABELS, STATUS_LABELS } from './caseLabels';
import { toIsoDate } from './dates';
import type { LedgerRow } from './ledgerQuery';
import { maskIdNumber, maskName, maskPhone, maskText, petitionerSecrets } from './mask';

export { CATEGORY_LABELS, CHANNEL_LABELS, DEADLINE_LABELS, STATUS_LABELS } from './caseLabels';

// What a ledger export holds (DESIGN §5), whatever the file format: a header and one row per case,
// in the user's language, with the petitioner masked unless the user chose otherwise. The writer in
// src/io turns it into XLSX or CSV and neutralises cells that would run as formulas.

export interface LedgerTable {
  header: string[];
  rows: (string | number | null)[][];
}

const HEADER: Record<Lang, string[]> = {
  'zh-CN': ['案件编号', '登记日期', '来源渠道', '问题类别', '信访人', '联系电话', '身份证号', '反映问题', '诉求', '涉及地点', '经度', '纬度', '办理状态', '承办人', '受理日期', '办理期限', '期限状态', '延期天数', '重复信访', '办结日期'],
  en: ['Case number', 'Received', 'Channel', 'Category', 'Petitioner', 'Phone', 'ID number', 'Complaint', 'Demands', 'Place', 'Longitude', 'Latitude', 'Status', 'Officer', 'Accepted', 'Due date', 'Deadline', 'Extension days', 'Repeat of', 'Closed'],
};

/** Six decimals of a degree is about 0.1 m: finer than any complaint location, and no float noise. */
const roundDegrees = (value: number) => (Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : null);

/**
 * The ledger as a table. Longitude and latitude are the case centre (caseCentre: a point itself, a
 * polygon's centroid, a line's midpoint) in CGCS2000 degrees. Unrecognised channels and categories
 * keep the bureau's own words. The petitioner's name, phone and ID number are masked unless `unmask`,
 * and so are their occurrences in the complaint, demands and place texts.
 */
export function ledgerTable(rows: LedgerRow[], options: { lang: Lang; unmask: boolean }): LedgerTable {
  const { lang, unmask } = options;
  const separator = lang === 'zh-CN' ? '、' : ', ';
  return {
    header: [...HEADER[lang]],
    rows: rows.map((row) => {
      const { record, petitionerIdNumber } = row.file;
      const secrets = unmask ? [] : petitionerSecrets(record.petitioner, record.phone, petitionerIdNumber);
      const free = (text: string | null) => (unmask ? text : maskText(text, secrets));
      const [lon, lat] = caseCentre(record.geometry);
      return [
        record.id,
        toIsoDate(record.receivedDate) ?? record.receivedDate,
        row.channel ? CHANNEL_LABELS[lang][row.channel] : record.channel,
        row.category ? CATEGORY_LABELS[lang][row.category] : record.category,
        unmask ? record.petitioner : maskName(record.petitioner),
        unmask ? record.phone : maskPhone(record.phone),
        unmask ? petitionerIdNumber : maskIdNumber(petitionerIdNumber),
        free(record.complaint),
        free(record.demands),
        free(record.place),
        roundDegrees(lon),
        roundDegrees(lat),
        STATUS_LABELS[lang][row.file.status],
        row.file.assignee,
        row.file.acceptedDate,
        row.deadline?.dueDate ?? null,
        row.deadline ? DEADLINE_LABELS[lang][row.deadline.mark] : null,
        row.file.extension?.days ?? null,
        row.repeatOf.length > 0 ? row.repeatOf.join(separator) : null,
        row.file.closedDate,
      ];
    }),
  };
}
