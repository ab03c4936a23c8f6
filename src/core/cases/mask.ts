// Masking of the petitioner's identity (DESIGN §8: the petition regulations forbid passing it to the
// persons complained of). Masks keep just enough for the officer to recognise a case on paper:
// the surname, the mobile's operator prefix and last four digits, the ID's region code and last four.

/** Separators between several names or numbers in one ledger cell ("张三、李四", "138…/0713…"). */
const LIST_SEPARATOR = /([、,，;；/|]+)/;

const star = (n: number) => '*'.repeat(Math.max(0, n));

function maskEach(text: string, maskOne: (item: string) => string): string {
  return text
    .split(LIST_SEPARATOR)
    .map((piece, i) => (i % 2 === 1 || piece.trim() === '' ? piece : maskOne(piece.trim())))
    .join('');
}

function maskOneName(name: string): string {
  const chars = [...name];
  // A one-character name has nothing to keep that would not reveal it.
  return chars.length === 1 ? '*' : chars[0] + star(chars.length - 1);
}

/** 张三丰 → 张**, 张三 → 张*; several names in one cell are masked one by one. */
export function maskName(name: string | null): string | null {
  return name === null ? null : maskEach(name, maskOneName);
}

/** Stars every digit except those whose index (among the digits) `keep` accepts; separators stay. */
function starDigits(text: string, keep: (digitIndex: number, digitCount: number) => boolean): string {
  const count = text.replace(/\D/g, '').length;
  let i = 0;
  return text.replace(/\d/g, (d) => (keep(i++, count) ? d : '*'));
}

function maskOnePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // A mainland mobile, possibly written with the country code: keep 86 and the mobile's first 3 and last 4.
  const prefix = digits.length === 13 && digits.startsWith('861') ? 2 : 0;
  if (digits.length - prefix === 11 && digits[prefix] === '1') {
    return starDigits(phone, (i, n) => i < prefix + 3 || i >= n - 4);
  }
  // A landline or anything else: the last four, unless that would be the whole number.
  return starDigits(phone, (i, n) => n > 4 && i >= n - 4);
}

/** 13812345678 → 138****5678; 0713-8351234 → ****-***1234. */
export function maskPhone(phone: string | null): string | null {
  return phone === null ? null : maskEach(phone, maskOnePhone);
}

/** 420102199001011234 → 420102********1234 (region code and last four kept). */
export function maskIdNumber(idNumber: string | null): string | null {
  if (idNumber === null) return null;
  const chars = [...idNumber.trim()];
  if (chars.length <= 10) return star(chars.length);
  return chars.slice(0, 6).join('') + star(chars.length - 10) + chars.slice(-4).join('');
}

type SecretKind = 'idNumber' | 'phone' | 'name';

function kindOf(secret: string): SecretKind {
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(secret)) return 'idNumber';
  return /^[\d\s()+-]+$/.test(secret) && /\d{5}/.test(secret.replace(/\D/g, '')) ? 'phone' : 'name';
}

/** A phone in free text may be written with or without its separators: match the digits with any of them between. */
function phoneSource(secret: string): string {
  return secret.replace(/\D/g, '').split('').join('[\\s-]?');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Free text (a complaint that repeats the petitioner's name or number) with every occurrence of the
 * given names, phones and ID numbers replaced by its masked form. Secrets shorter than two characters
 * are skipped: masking every "张" would garble the text and hide nothing.
 */
export function maskText(text: string | null, secrets: readonly string[]): string | null {
  if (text === null) return null;
  const items = [...new Set(secrets.map((s) => s.trim()).filter((s) => [...s].length >= 2))]
    .map((secret) => ({ secret, kind: kindOf(secret) }))
    // The longest first, so "张三丰" is masked whole rather than as "张三" + "丰".
    .sort((a, b) => b.secret.length - a.secret.length);
  if (items.length === 0) return text;
  const sources = items.map(({ secret, kind }) => (kind === 'name' ? escapeRegExp(secret) : kind === 'phone' ? phoneSource(secret) : escapeRegExp(secret)));
  const pattern = new RegExp(sources.map((s) => `(${s})`).join('|'), 'gi');
  return text.replace(pattern, (match, ...groups: unknown[]) => {
    const which = groups.findIndex((g, i) => i < items.length && g !== undefined);
    const kind = items[which]?.kind ?? 'name';
    return kind === 'idNumber' ? maskIdNumber(match)! : kind === 'phone' ? maskOnePhone(match) : maskOneName(match);
  });
}

/** The secrets of a petitioner for maskText: each name and number in the cells, and the ID number. */
export function petitionerSecrets(petitioner: string | null, phone: string | null, idNumber: string | null): string[] {
  const split = (cell: string | null) => (cell === null ? [] : cell.split(LIST_SEPARATOR).filter((_, i) => i % 2 === 0));
  return [...split(petitioner), ...split(phone), ...(idNumber === null ? [] : [idNumber])].map((s) => s.trim()).filter((s) => s !== '');
}
