import ExcelJS from 'exceljs';
import { AppError } from '../../api/result';

/** One row of a sheet as text, with the row number a spreadsheet shows. */
export interface TextRow {
  line: number;
  cells: string[];
}

/** One worksheet as text: its name and its rows that hold anything. */
export interface SheetText {
  name: string;
  rows: TextRow[];
}

/**
 * One cell as a person reads it, as text: numbers in full without separators (a phone typed as a
 * number keeps the digits Excel kept), dates as YYYY-MM-DD, formulas by their result, rich text
 * and links by their text, errors as Excel writes them (#N/A).
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Excel dates carry no time zone: exceljs reads them as that day at 00:00 UTC.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}

/**
 * Reads every worksheet of an .xlsx file as text. A merged cell reads as its value on every row
 * it covers (a hamlet merged over a household's rows belongs to each of them).
 */
export async function readXlsxText(bytes: Buffer): Promise<SheetText[]> {
  const book = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); it reads Node's Buffer all the same.
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('INVALID_INPUT', 'Không đọc được tệp Excel này (có thể là .zip hoặc tệp bị hỏng). Hãy mở bằng Excel, Lưu thành → "Excel Workbook (.xlsx)" rồi nhập lại.', { cause: error });
  }
  return book.worksheets.map((sheet) => {
    const rows: TextRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells });
    });
    return { name: sheet.name, rows };
  });
}
