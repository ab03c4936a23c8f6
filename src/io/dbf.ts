import type { Attributes } from '../core';
import { encodeText } from './text';

// dBase III writer for Shapefile attributes, in UTF-8 or GBK. The maintained JS DBF writers either
// ignore encodings or need Node's file system, and the format is a fixed header plus fixed-width
// records, so it is written here (and read back by shpjs/parsedbf in the tests).

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  /** Width in bytes. */
  size: number;
  decimals: number;
}

const MAX_CHAR_BYTES = 254;

/** Field definitions from the attribute values: numbers as N, everything else as C wide enough for its bytes. */
export function dbfFieldsFor(fieldNames: string[], rows: Attributes[], encoding: 'utf-8' | 'gbk'): DbfField[] {
  return fieldNames.map((name) => {
    const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined && v !== '');
    if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const numbers = values as number[];
      const decimals = Math.min(8, Math.max(0, ...numbers.map((n) => (String(n).split('.')[1] ?? '').length)));
      const whole = Math.max(1, ...numbers.map((n) => String(Math.trunc(Math.abs(n))).length + (n < 0 ? 1 : 0)));
      return { name, type: 'N', size: Math.min(19, whole + (decimals ? decimals + 1 : 0)), decimals };
    }
    const widest = Math.max(1, ...values.map((v) => encodeText(String(v), encoding).length));
    return { name, type: 'C', size: Math.min(MAX_CHAR_BYTES, widest), decimals: 0 };
  });
}

/** Field names are at most 10 bytes in the DBF; longer ones are cut at a character boundary and made unique. */
export function dbfFieldNames(names: string[], encoding: 'utf-8' | 'gbk'): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let cut = '';
    for (const ch of name) {
      if (encodeText(cut + ch, encoding).length > 10) break;
      cut += ch;
    }
    let unique = cut || 'FIELD';
    for (let i = 1; used.has(unique.toUpperCase()); i++) unique = `${cut.slice(0, 10 - String(i).length - 1)}_${i}`;
    used.add(unique.toUpperCase());
    return unique;
  });
}

function fit(bytes: Uint8Array, size: number, encoding: 'utf-8' | 'gbk'): Uint8Array {
  if (bytes.length <= size) return bytes;
  // Cut without splitting a multi-byte character.
  let end = size;
  if (encoding === 'utf-8') while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  else {
    let i = 0;
    while (i < size) i += bytes[i]! >= 0x81 ? 2 : 1;
    end = i > size ? i - 2 : i;
  }
  return bytes.subarray(0, end);
}

export function writeDbf(fields: DbfField[], rows: Attributes[], sourceNames: string[], encoding: 'utf-8' | 'gbk', date = new Date(Date.UTC(2000, 0, 1))): Uint8Array {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.size, 0);
  const out = new Uint8Array(headerLength + rows.length * recordLength + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = date.getUTCFullYear() - 1900;
  out[2] = date.getUTCMonth() + 1;
  out[3] = date.getUTCDate();
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  out[29] = encoding === 'gbk' ? 0x4d : 0x00; // language driver: code page 936 for GBK
  fields.forEach((field, i) => {
    const at = 32 + i * 32;
    out.set(fit(encodeText(field.name, encoding), 10, encoding), at);
    out[at + 11] = field.type.charCodeAt(0);
    out[at + 16] = field.size;
    out[at + 17] = field.decimals;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20;
    fields.forEach((field, i) => {
      const value = row[sourceNames[i]!];
      out.fill(0x20, at, at + field.size);
      if (value !== null && value !== undefined && value !== '') {
        if (field.type === 'N') {
          const text = (value as number).toFixed(field.decimals);
          const bytes = encodeText(text.length > field.size ? (value as number).toPrecision(Math.max(1, field.size - 6)) : text, 'utf-8');
          out.set(bytes.subarray(0, field.size), at + Math.max(0, field.size - bytes.length));
        } else {
          out.set(fit(encodeText(String(value), encoding), field.size, encoding), at);
        }
      }
      at += field.size;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
