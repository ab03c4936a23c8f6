import type { Attributes, CaseRecord } from '../model';
import type { AuditEntry, CaseFile, CaseStatus, Extension, FactsSnapshot, SavedOpinion } from './caseFile';
import { CASE_FILE_SCHEMA_VERSION } from './caseFile';
import { parseStatus } from './caseText';
import { dateOf, isIsoDate, toIsoDate } from './dates';
import type { DeadlineRules } from './deadlines';
import { DEFAULT_DEADLINE_RULES, REPLY_PENDING_STATUSES } from './deadlines';

export { parseCategory, parseChannel, parseStatus } from './caseText';

// The case flow of DESIGN §1 as pure steps: each takes a case file and returns a new one with the
// change and its audit line, or throws CaseFlowError saying what the flow does not allow. The UI
// shows the error by its code in the user's language; the English message is for logs and the CLI.

export type CaseFlowErrorCode =
  | 'notNext'
  | 'extensionTwice'
  | 'extensionTooLong'
  | 'extensionDays'
  | 'extensionNotAccepted'
  | 'extensionDate'
  | 'idChanged';

export class CaseFlowError extends Error {
  readonly code: CaseFlowErrorCode;

  constructor(code: CaseFlowErrorCode, message: string) {
    super(message);
    this.name = 'CaseFlowError';
    this.code = code;
  }
}

/** Who acts and when: `at` is an ISO date-time with offset, whose date part is the date recorded. */
export interface CaseActor {
  by: string;
  at: string;
  note?: string;
}

const FORWARD: Record<CaseStatus, CaseStatus[]> = {
  // A complaint not accepted (不予受理) is closed from registration.
  registered: ['accepted', 'closed'],
  accepted: ['verifying'],
  verifying: ['drafted'],
  drafted: ['reviewed'],
  // The reviewer may return the opinion for changes.
  reviewed: ['replied', 'drafted'],
  replied: ['followedUp'],
  followedUp: ['closed'],
  closed: [],
};

/** The statuses a case may move to from `status`. */
export function nextStatuses(status: CaseStatus): CaseStatus[] {
  return [...FORWARD[status]];
}

function withAudit(c: CaseFile, changes: Partial<CaseFile>, ...entries: AuditEntry[]): CaseFile {
  return { ...c, ...changes, audit: [...c.audit, ...entries] };
}

function entry(who: CaseActor, action: AuditEntry['action'], extra: Partial<AuditEntry> = {}): AuditEntry {
  const e: AuditEntry = { at: who.at, by: who.by, action, ...extra };
  if (who.note !== undefined && who.note !== '' && e.note === undefined) e.note = who.note;
  return e;
}

function textOrNull(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}

/** A case registered now: status registered, assigned to the record's officer. `how` says how it was located (audit note). */
export function newCaseFile(record: CaseRecord, meta: { by: string; at: string; petitionerIdNumber?: string | null; how?: string }): CaseFile {
  return {
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    record,
    petitionerIdNumber: textOrNull(meta.petitionerIdNumber),
    status: 'registered',
    acceptedDate: null,
    repliedDate: null,
    closedDate: null,
    extension: null,
    assignee: textOrNull(record.officer),
    lastVerification: null,
    opinion: null,
    audit: [entry({ by: meta.by, at: meta.at }, 'registered', meta.how ? { note: meta.how } : {})],
  };
}

const ID_NUMBER_COLUMNS = ['身份证号', '证件号码', '身份证号码', 'idnumber', 'id_number'];
const DATE_COLUMNS = {
  acceptedDate: ['受理日期', 'accepteddate', 'accepted_date'],
  repliedDate: ['答复日期', 'replieddate', 'replied_date'],
  closedDate: ['办结日期', 'closeddate', 'closed_date'],
};

const EXTENSION_DAYS_COLUMNS = ['延期天数', '延期', 'extensiondays', 'extension_days'];

/** The extension a ledger records (延期天数), granted on the acceptance date as far as the ledger tells. */
function importedExtension(attributes: Attributes, grantedDate: string | null): Extension | null {
  const text = attributeText(attributes, EXTENSION_DAYS_COLUMNS);
  const days = text === null ? NaN : Number(text);
  if (!Number.isInteger(days) || days <= 0 || grantedDate === null) return null;
  return { days, grantedDate, reason: '台账导入 / imported from the ledger' };
}

function attributeKey(attributes: Attributes, aliases: readonly string[]): string | undefined {
  return Object.keys(attributes).find((k) => aliases.includes(k.trim().toLowerCase()));
}

function attributeText(attributes: Attributes, aliases: readonly string[]): string | null {
  const key = attributeKey(attributes, aliases);
  const value = key === undefined ? null : attributes[key];
  return value === null || value === undefined ? null : textOrNull(String(value));
}

/** What a ledger import read through the user's column mapping (caseExtras in ledger.ts), over the aliases here. */
export interface ImportExtras {
  idNumber: string | null;
  acceptedDate: string | null;
  repliedDate: string | null;
  closedDate: string | null;
  /** The column the user chose for the ID number, taken out of the kept row like the usual names are. */
  idNumberColumn?: string | null;
}

/**
 * A case file for a ledger row as imported: the status and dates the bureau recorded, the officer as
 * assignee. The ID number moves out of the row's attributes into `petitionerIdNumber`, the one place
 * exports know to mask; an unrecognised status becomes registered and the audit note says so.
 */
export function caseFileFromImport(record: CaseRecord, meta: { by: string; at: string }, extras?: ImportExtras): CaseFile {
  const attributes = record.attributes;
  const idKey = attributeKey(attributes, ID_NUMBER_COLUMNS);
  const petitionerIdNumber = extras ? extras.idNumber : attributeText(attributes, ID_NUMBER_COLUMNS);
  const safeAttributes: Attributes = { ...attributes };
  if (idKey !== undefined) delete safeAttributes[idKey];
  if (extras?.idNumberColumn) delete safeAttributes[extras.idNumberColumn];
  const status = parseStatus(record.status);
  const notes: string[] = [];
  if (record.status !== null && status === null) notes.push(`status "${record.status}" not recognised, taken as registered`);
  const acceptedDate = extras ? extras.acceptedDate : toIsoDate(attributeText(attributes, DATE_COLUMNS.acceptedDate));
  return {
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    record: { ...record, attributes: safeAttributes },
    petitionerIdNumber,
    status: status ?? 'registered',
    acceptedDate,
    repliedDate: extras ? extras.repliedDate : toIsoDate(attributeText(attributes, DATE_COLUMNS.repliedDate)),
    closedDate: extras ? extras.closedDate : toIsoDate(attributeText(attributes, DATE_COLUMNS.closedDate)),
    extension: importedExtension(attributes, acceptedDate ?? toIsoDate(record.receivedDate)),
    assignee: textOrNull(record.officer),
    lastVerification: null,
    opinion: null,
    audit: [entry(meta, 'imported', notes.length > 0 ? { note: notes.join('; ') } : {})],
  };
}

/** Moves a case one step along the flow, stamping the step's date (the date part of `who.at`). */
export function changeStatus(c: CaseFile, to: CaseStatus, who: CaseActor): CaseFile {
  if (!FORWARD[c.status].includes(to)) throw new CaseFlowError('notNext', `a case cannot move from ${c.status} to ${to}`);
  const date = dateOf(who.at);
  const dates: Partial<CaseFile> =
    to === 'accepted' ? { acceptedDate: date } : to === 'replied' ? { repliedDate: date } : to === 'closed' ? { closedDate: date } : {};
  return withAudit(c, { ...dates, status: to }, entry(who, 'status', { from: c.status, to }));
}

/** Hands the case to an officer; the same officer again changes nothing and logs nothing. */
export function assignCase(c: CaseFile, officer: string, who: CaseActor): CaseFile {
  const assignee = textOrNull(officer);
  if (assignee === c.assignee) return c;
  return withAudit(c, { assignee }, entry(who, 'assigned', { from: c.assignee, to: assignee }));
}

/** Extends the reply deadline: once per case, while the reply is owed, by 1 to maxExtensionDays whole days. */
export function extendReply(c: CaseFile, ext: Extension, who: CaseActor, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): CaseFile {
  if (c.extension !== null) throw new CaseFlowError('extensionTwice', 'the reply deadline can be extended once only');
  if (!REPLY_PENDING_STATUSES.includes(c.status)) {
    throw new CaseFlowError('extensionNotAccepted', `only an accepted case awaiting its reply can be extended (this one is ${c.status})`);
  }
  if (!Number.isInteger(ext.days) || ext.days < 1) throw new CaseFlowError('extensionDays', `an extension is a whole number of days, at least 1 (got ${ext.days})`);
  if (ext.days > rules.maxExtensionDays) {
    throw new CaseFlowError('extensionTooLong', `an extension may not exceed ${rules.maxExtensionDays} days (asked for ${ext.days})`);
  }
  if (!isIsoDate(ext.grantedDate)) throw new CaseFlowError('extensionDate', `the extension's date "${ext.grantedDate}" is not a date YYYY-MM-DD`);
  const extension: Extension = { days: ext.days, grantedDate: ext.grantedDate, reason: ext.reason.trim() };
  const note = extension.reason ? `${extension.days} days: ${extension.reason}` : `${extension.days} days`;
  return withAudit(c, { extension }, entry(who, 'extended', { note }));
}

/** Keeps the facts of a verification run; the first run on an accepted case starts its verification step. */
export function recordVerification(c: CaseFile, facts: FactsSnapshot, who: CaseActor): CaseFile {
  const verified = entry(who, 'verified', { note: `rules ${facts.rulesVersion}, ${facts.layers.length} layers` });
  if (c.status !== 'accepted') return withAudit(c, { lastVerification: facts }, verified);
  // The status change gets its own line so the status history reads from 'status' entries alone.
  return withAudit(c, { lastVerification: facts, status: 'verifying' }, verified, entry(who, 'status', { from: 'accepted', to: 'verifying' }));
}

/** Saves the officer's opinion; the first save while verifying makes the case drafted. */
export function saveOpinion(c: CaseFile, opinion: SavedOpinion, who: CaseActor): CaseFile {
  const saved = entry(who, 'opinionSaved');
  if (c.status !== 'verifying') return withAudit(c, { opinion }, saved);
  return withAudit(c, { opinion, status: 'drafted' }, saved, entry(who, 'status', { from: 'verifying', to: 'drafted' }));
}

const sameValue = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Corrects the ledger record (and the petitioner's ID number, kept outside it). The audit note names
 * the fields that changed, never their values: the log is shown to people who may not see the
 * petitioner. The case number cannot change: letters, exports and repeats refer to it.
 */
export function editRecord(c: CaseFile, changes: Partial<CaseRecord> & { petitionerIdNumber?: string | null }, who: CaseActor): CaseFile {
  const { petitionerIdNumber, ...recordChanges } = changes;
  if (recordChanges.id !== undefined && recordChanges.id !== c.record.id) {
    throw new CaseFlowError('idChanged', `the case number ${c.record.id} cannot be changed`);
  }
  const changed = (Object.keys(recordChanges) as (keyof CaseRecord)[]).filter(
    (k) => recordChanges[k] !== undefined && !sameValue(recordChanges[k], c.record[k]),
  );
  const idNumber = petitionerIdNumber === undefined ? c.petitionerIdNumber : textOrNull(petitionerIdNumber);
  const names: string[] = [...changed, ...(idNumber !== c.petitionerIdNumber ? ['petitionerIdNumber'] : [])];
  if (names.length === 0) return c;
  const record: CaseRecord = { ...c.record };
  for (const k of changed) Object.assign(record, { [k]: recordChanges[k] });
  return withAudit(c, { record, petitionerIdNumber: idNumber }, entry(who, 'edited', { note: `changed: ${names.join(', ')}` }));
}
