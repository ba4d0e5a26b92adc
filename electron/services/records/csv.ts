// RFC 4180 CSV: fields separated by commas, records by CRLF (LF and CR accepted), fields with a
// separator, quote or line break quoted, quotes doubled inside.

/** A CSV file that cannot be read, with the spreadsheet row where reading stopped. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`Dòng ${row}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Parsed records; `separator` is the one found (Excel set to Vietnamese saves ";"). */
export interface CsvTable {
  rows: string[][];
  separator: ',' | ';';
}

/**
 * Parses CSV text (a leading byte-order mark is dropped). The separator is a comma unless the
 * header line has semicolons and no commas. Fully blank records are kept as `[]` so row
 * numbers stay those a spreadsheet shows.
 */
export function parseCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const firstLine = text.slice(0, Math.max(0, text.search(/[\r\n]/)) || text.length);
  const separator: ',' | ';' = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row.length === 1 && row[0] === '' ? [] : row);
    row = [];
    field = '';
    quoted = false;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '' && !quoted) {
      // A quoted field runs to the closing quote; "" inside stands for one quote.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) throw new CsvSyntaxError(rows.length + 1, 'dấu ngoặc kép mở mà không đóng.');
        field += text.slice(j, q);
        if (text[q + 1] === '"') {
          field += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      quoted = true;
      const next = text[i];
      if (next !== undefined && next !== separator && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(rows.length + 1, 'sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng.');
      }
      continue;
    }
    if (c === separator) {
      row.push(field);
      field = '';
      quoted = false;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || quoted || row.length > 0) endRow();
  return { rows, separator };
}

/** Quotes a field when it holds the separator, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats records as CSV with CRLF line ends (no byte-order mark; callers add it for Excel). */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
