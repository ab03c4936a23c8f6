import { unzipSync, zipSync } from 'fflate';
import { neutraliseCell } from './writers';

// The case ledger as a spreadsheet (DESIGN §5): XLSX for the bureau's files, CSV for other tools. Pure
// (bytes out, no DOM, no node:fs) so the page and the CLI write the same files. Every text cell that a
// spreadsheet would run as a formula is neutralised (OWASP CSV injection); numbers stay numbers.

export { neutraliseCell };

export type LedgerCell = string | number | null;

/** A ledger ready to write: column titles and rows of cells, in the order they appear. */
export interface LedgerTable {
  header: string[];
  rows: LedgerCell[][];
}

/** A cell as written: neutralised text, finite numbers, or empty (null; an empty text is no text). */
function safeCell(value: LedgerCell): LedgerCell {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value === '' ? null : (neutraliseCell(value) as string | null);
}

// Chinese characters take about two columns of width in Excel's units.
const displayWidth = (text: string): number => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

/** The ledger as an XLSX workbook of one sheet: bold, frozen header row, columns sized to their content. */
export async function writeLedgerXlsx(table: LedgerTable, sheetName: string): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Fixed dates (here and on the zip entries below) keep the same ledger byte-identical between exports.
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = workbook.created;
  // Excel refuses sheet names over 31 characters or with any of \ / ? * [ ] :
  const name = sheetName.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.header.map((h) => safeCell(h)));
  for (const row of table.rows) sheet.addRow(row.map(safeCell));
  sheet.getRow(1).font = { bold: true };
  table.header.forEach((h, i) => {
    const widest = table.rows.reduce((w, row) => Math.max(w, displayWidth(String(safeCell(row[i] ?? null) ?? ''))), displayWidth(h));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
  const entries = Object.entries(unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()))).filter(([path]) => !path.endsWith('/'));
  // fflate writes the time from local fields; a local-time date gives the same bytes in every time zone.
  return zipSync(Object.fromEntries(entries), { level: 6, mtime: new Date(2000, 0, 1) });
}

/** RFC 4180: a field with a quote, comma or line break is quoted, quotes doubled. */
function csvField(value: LedgerCell): string {
  const cell = safeCell(value);
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The ledger as CSV: UTF-8 with a BOM (Excel on a Chinese Windows needs it), CRLF line ends. */
export function writeLedgerCsv(table: LedgerTable): Uint8Array {
  const text = [table.header, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  return new TextEncoder().encode(`\uFEFF${text}`);
}
