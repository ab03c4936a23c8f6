// Text decoding shared by the readers. Chinese bureau files come as UTF-8 (often with a BOM) or GBK/GB18030.

/** UTF-8 text without a leading BOM. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes text that may be UTF-8 or GB18030 (a superset of GBK and GB2312): UTF-8 when it is valid, GB18030 otherwise. */
export function decodeChineseText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (isValidUtf8(bytes)) return { text: decodeUtf8(bytes), encoding: 'utf-8' };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
}

let gbkTable: Map<string, number> | null = null;

/**
 * Encodes text as GBK. Browsers and Node decode GBK but do not encode it, so the table is built once
 * from the platform's own decoder: every two-byte GBK sequence, decoded, gives the character it stands
 * for. Characters GBK lacks become "?" and are counted, so a caller can warn.
 */
export function encodeGbk(text: string): { bytes: Uint8Array; unmappable: number } {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    const pair = new Uint8Array(2);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        pair[0] = lead;
        pair[1] = trail;
        const ch = decoder.decode(pair);
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
      }
    }
  }
  const out: number[] = [];
  let unmappable = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const gbk = gbkTable.get(ch);
      if (gbk === undefined) {
        out.push(0x3f);
        unmappable += 1;
      } else out.push(gbk >> 8, gbk & 0xff);
    }
  }
  return { bytes: Uint8Array.from(out), unmappable };
}

export function encodeText(text: string, encoding: 'utf-8' | 'gbk'): Uint8Array {
  return encoding === 'gbk' ? encodeGbk(text).bytes : new TextEncoder().encode(text);
}

/** A name made safe as a file name on Windows and elsewhere: the characters they refuse become "_". */
export const safeFileName = (name: string): string => name.replace(/[\\/:*?"<>|]/g, '_');
