import type { CaseRecord } from '../model';
import type { Lang, RuleSet } from '../rules/ruleSet';
import type { CaseVerification } from '../verify/types';
import { list } from './format';

// The letters a case sends to the petitioner (DESIGN §4): the reply letter (答复意见书), answering each
// demand with the legal basis and the right to a review within 30 days, and the acceptance,
// non-acceptance and extension notices. Drafts: the officer edits them.

export interface LetterContext {
  record: CaseRecord;
  /** The bureau's name as it signs letters. */
  bureau: string;
  /** The letter's date, YYYY-MM-DD (the host's clock). */
  date: string;
}

const demandsOf = (record: CaseRecord): string[] =>
  (record.demands ?? '').split(/[；;。\n]+/).map((d) => d.trim()).filter(Boolean);

type Answer = 'supported' | 'partly' | 'notSupported';

/** Whether the facts support the complaint's demands: high flags support them, none do not, the rest partly. */
export function answerFor(result: CaseVerification): Answer {
  if (result.flags.some((f) => f.severity === 'high')) return 'supported';
  if (result.flags.some((f) => f.severity === 'medium')) return 'partly';
  return 'notSupported';
}

const ANSWER_TEXT: Record<Lang, Record<Answer, string>> = {
  'zh-CN': { supported: '予以支持', partly: '部分支持', notSupported: '不予支持' },
  en: { supported: 'supported', partly: 'partly supported', notSupported: 'not supported' },
};

export function draftReplyLetter(ctx: LetterContext & { result: CaseVerification; ruleSet: RuleSet; findings: string }, lang: Lang): string {
  const { record, result, ruleSet } = ctx;
  const answer = answerFor(result);
  const basis = [...new Set(result.flags.flatMap((f) => ruleSet.rules.find((r) => r.code === f.code)?.legalBasis ?? []))].map((b) => ruleSet.legalBasis[b]![lang]);
  const demands = demandsOf(record);
  if (lang === 'zh-CN') {
    return [
      `${record.petitioner ?? '信访人'}：`,
      `　　你于${record.receivedDate ?? '—'}反映的${record.category ?? ''}问题（编号${record.id}）已收悉。经调查核实，现答复如下：`,
      `　　一、核查情况：${ctx.findings}`,
      ...demands.map((d, i) => `　　${['二', '三', '四', '五', '六'][i] ?? `${i + 2}`}、关于“${d}”的诉求：${ANSWER_TEXT['zh-CN'][answer]}。${basis.length ? `依据${list(basis, 'zh-CN')}。` : ''}`),
      `　　如对本答复意见不服，可以自收到本答复意见书之日起30日内向上一级行政机关请求复查。`,
      '',
      `${ctx.bureau}`,
      `${ctx.date}`,
      '',
    ].join('\n');
  }
  return [
    `To ${record.petitioner ?? 'the petitioner'}:`,
    `Your complaint of ${record.receivedDate ?? '—'} (${record.category ?? ''}, no. ${record.id}) has been investigated. Our reply:`,
    `1. Findings: ${ctx.findings}`,
    ...demands.map((d, i) => `${i + 2}. On your demand "${d}": ${ANSWER_TEXT.en[answer]}.${basis.length ? ` Basis: ${list(basis, 'en')}.` : ''}`),
    'If you disagree with this reply, you may ask the next-level administrative authority for a review within 30 days of receiving it.',
    '',
    ctx.bureau,
    ctx.date,
    '',
  ].join('\n');
}

export function draftAcceptanceNotice(ctx: LetterContext & { dueDate: string }, lang: Lang): string {
  const { record } = ctx;
  return lang === 'zh-CN'
    ? `信访事项受理告知书\n\n${record.petitioner ?? '信访人'}：\n　　你于${record.receivedDate ?? '—'}提出的信访事项（编号${record.id}，${record.category ?? ''}）已于${ctx.date}受理。我局将依照《信访工作条例》的规定，在受理之日起60日内办结并书面答复（${ctx.dueDate}前）。\n\n${ctx.bureau}\n${ctx.date}\n`
    : `Notice of acceptance\n\nTo ${record.petitioner ?? 'the petitioner'}:\nYour complaint of ${record.receivedDate ?? '—'} (no. ${record.id}, ${record.category ?? ''}) was accepted on ${ctx.date}. Under the Regulations on Petition Work we will handle it and reply in writing within 60 days of acceptance (by ${ctx.dueDate}).\n\n${ctx.bureau}\n${ctx.date}\n`;
}

export function draftNonAcceptanceNotice(ctx: LetterContext & { reason: string; competentBody?: string }, lang: Lang): string {
  const { record } = ctx;
  return lang === 'zh-CN'
    ? `信访事项不予受理告知书\n\n${record.petitioner ?? '信访人'}：\n　　你于${record.receivedDate ?? '—'}提出的信访事项（编号${record.id}），因${ctx.reason}，依照《信访工作条例》的规定，我局不予受理。${ctx.competentBody ? `请向${ctx.competentBody}提出。` : ''}\n\n${ctx.bureau}\n${ctx.date}\n`
    : `Notice of non-acceptance\n\nTo ${record.petitioner ?? 'the petitioner'}:\nYour complaint of ${record.receivedDate ?? '—'} (no. ${record.id}) is not accepted under the Regulations on Petition Work because ${ctx.reason}.${ctx.competentBody ? ` Please submit it to ${ctx.competentBody}.` : ''}\n\n${ctx.bureau}\n${ctx.date}\n`;
}

export function draftExtensionNotice(ctx: LetterContext & { reason: string; newDueDate: string; extensionDays: number }, lang: Lang): string {
  if (ctx.extensionDays > 30) throw new Error('an extension may not exceed 30 days');
  const { record } = ctx;
  return lang === 'zh-CN'
    ? `信访事项延期办结告知书\n\n${record.petitioner ?? '信访人'}：\n　　你提出的信访事项（编号${record.id}），因${ctx.reason}，经批准延长办理期限${ctx.extensionDays}日，将于${ctx.newDueDate}前办结并书面答复。\n\n${ctx.bureau}\n${ctx.date}\n`
    : `Notice of extension\n\nTo ${record.petitioner ?? 'the petitioner'}:\nThe handling of your complaint (no. ${record.id}) is extended by ${ctx.extensionDays} days because ${ctx.reason}; we will reply in writing by ${ctx.newDueDate}.\n\n${ctx.bureau}\n${ctx.date}\n`;
}
