import type { CaseRecord } from '../model';
import type { Lang } from '../rules/ruleSet';
import type { CaseVerification } from '../verify/types';

// A case as the bureau works it (DESIGN §1 case flow): the ledger record (what was complained of, by
// whom, where) plus its workflow: status, dates that drive the deadlines, who has it, the saved opinion
// with the facts it was drafted from, and the audit log. Every persisted form of it carries
// CASE_FILE_SCHEMA_VERSION; older versions are migrated on reading (migrateCaseFile).

export const CASE_FILE_SCHEMA_VERSION = 1;

/** The case flow, in order. */
export const CASE_STATUSES = ['registered', 'accepted', 'verifying', 'drafted', 'reviewed', 'replied', 'followedUp', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How the complaint came in. */
export const CASE_CHANNELS = ['letter', 'visit', 'hotline12336', 'online', 'transferred'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const CASE_CATEGORIES = [
  'illegalOccupation',
  'farmlandConstruction',
  'basicFarmlandDamage',
  'acquisitionCompensation',
  'registrationDispute',
  'mining',
  'planningViolation',
  'boundaryDispute',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export type AuditAction = 'registered' | 'imported' | 'edited' | 'status' | 'assigned' | 'extended' | 'verified' | 'opinionSaved' | 'letterDrafted';

/** One line of a case's audit log: who did what, when. */
export interface AuditEntry {
  /** ISO 8601 date-time with offset, from the host's clock. */
  at: string;
  /** The user's name as set in the app (or the CLI's --user). */
  by: string;
  action: AuditAction;
  /** For status and assignment changes: before and after. */
  from?: string | null;
  to?: string | null;
  note?: string;
}

/** What an opinion was drafted from, kept with the edited text so it can be traced and compared later. */
export interface FactsSnapshot {
  /** When the verification ran, ISO date-time. */
  verifiedAt: string;
  rulesVersion: string;
  softwareVersion: string;
  /** Every layer the verification read, with the SHA-256 of its bytes. */
  layers: { id: string; kind: string; path: string; sha256: string }[];
  result: CaseVerification;
  /** The opinion the engine drafted from these facts, in the language asked for. */
  draft: string;
  draftLang: Lang;
}

export interface SavedOpinion {
  lang: Lang;
  /** The officer's text (the draft as edited). */
  text: string;
  /** The draft the engine produced from `facts`, before editing. */
  draft: string;
  savedAt: string;
  savedBy: string;
  facts: FactsSnapshot;
}

/** An extension of the reply deadline (at most one, up to the bureau's maximum days). */
export interface Extension {
  days: number;
  /** YYYY-MM-DD */
  grantedDate: string;
  reason: string;
}

export interface CaseFile {
  schemaVersion: typeof CASE_FILE_SCHEMA_VERSION;
  /** The ledger record. Its `status` and `officer` strings are as imported; `status` and `assignee` below govern. */
  record: CaseRecord;
  /** Petitioner's identity card number: confidential, masked in every export by default. */
  petitionerIdNumber: string | null;
  status: CaseStatus;
  /** YYYY-MM-DD the case was accepted (受理); the reply deadline counts from it. */
  acceptedDate: string | null;
  /** YYYY-MM-DD the reply went out. */
  repliedDate: string | null;
  /** YYYY-MM-DD the case was closed (办结). */
  closedDate: string | null;
  extension: Extension | null;
  /** The officer the case is assigned to (承办人). */
  assignee: string | null;
  /** The last verification's facts (what the case view shows), or null before the first run. */
  lastVerification: FactsSnapshot | null;
  /** The opinion as last saved. */
  opinion: SavedOpinion | null;
  /** Oldest first. */
  audit: AuditEntry[];
}

/** Where a new case is: a clicked or typed point with a radius, a drawn polygon or line, or a feature's geometry. */
export interface CaseLocation {
  geometry: CaseRecord['geometry'];
  radiusM: number;
  /** How it was given, for the audit log: "map click", "GK X/Y …", "parcel 4211…". */
  how: string;
}
