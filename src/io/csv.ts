import Papa from 'papaparse';
import { InputError } from '../core';
import { decodeChineseText } from './text';

// CSV in: UTF-8 (with or without BOM) or GBK, as Excel saves it on a Chinese Windows.

export interface CsvRead {
  header: string[];
  rows: Record<string, string>[];
  encoding: string;
}

export function readCsv(bytes: Uint8Array, file: string): CsvRead {
  const { text, encoding } = decodeChineseText(bytes);
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) {
    throw new InputError(file, fatal.row !== undefined ? `line ${fatal.row + 2}` : null, `${fatal.message}; expected comma-separated values with one header line`);
  }
  return { header: parsed.meta.fields ?? [], rows: parsed.data, encoding };
}
