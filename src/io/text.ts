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
