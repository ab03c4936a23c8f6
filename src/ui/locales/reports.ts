import type { Messages } from './messages';
// Report strings (zh-CN first; en must have the same keys). Merged into the app's messages under "reports".
export const reportsZhCN = {
  heading: '核查报告',
  format: '格式',
  unmask: '不脱敏（含信访人姓名、电话、身份证号）',
  unmaskWarning: '报告将含信访人身份信息，请按保密规定保管，不得交被反映人。',
  export: '导出核查报告',
  working: '正在生成报告…',
  failed: '报告未生成：{{message}}',
  patchSummary: '图斑核查汇总报告',
};

export const reportsEn: Messages<typeof reportsZhCN> = {
  heading: 'Verification report',
  format: 'Format',
  unmask: 'Unmasked (with the petitioner’s name, phone and ID number)',
  unmaskWarning: 'The report will identify the petitioner: keep it confidential and never pass it to the persons complained of.',
  export: 'Export the report',
  working: 'Writing the report…',
  failed: 'The report was not written: {{message}}',
  patchSummary: 'Patch review summary report',
};
