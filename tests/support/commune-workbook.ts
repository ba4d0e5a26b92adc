import ExcelJS from 'exceljs';
import { CSV_COLUMNS } from '../../electron/services/records/exchange';

/** One person's row by column name; cells may be text, numbers or dates, as Excel keeps them. */
export type CommuneRow = Partial<Record<(typeof CSV_COLUMNS)[number], ExcelJS.CellValue>>;

const ALL_PROFICIENT = { ky_nang_dich_vu_cong: 'thanh-thao', ky_nang_mua_sam: 'thanh-thao', ky_nang_thanh_toan: 'thanh-thao', ky_nang_an_toan: 'thanh-thao', ky_nang_nen_tang_so: 'thanh-thao' };

/**
 * A commune's household list as Excel keeps it: two merged title rows and a blank row above the
 * header (row 4), consent dates as Excel dates, birth years stored as text, phone numbers typed
 * as numbers (their leading 0 lost), each household's code and hamlet merged down its rows.
 */
export const COMMUNE_ROWS: CommuneRow[] = [
  { ma_ho: 'PD-01', tinh: 'Thành phố Hà Nội', xa: 'Xã Phù Đổng', thon: 'Thôn Phù Dực', chu_ho: 'Nguyễn Văn Bình', ho_ten: 'Nguyễn Văn Bình', nam_sinh: '1962', gioi_tinh: 'Nam', so_dien_thoai: 912345678, ...ALL_PROFICIENT, dong_y: new Date(Date.UTC(2026, 1, 20)), hinh_thuc_dong_y: 'giay' },
  { ma_ho: 'PD-01', tinh: 'Thành phố Hà Nội', xa: 'Xã Phù Đổng', thon: 'Thôn Phù Dực', chu_ho: 'Nguyễn Văn Bình', ho_ten: 'Trần Thị Ánh', nam_sinh: '1965', gioi_tinh: 'Nữ', ...ALL_PROFICIENT, ky_nang_an_toan: 'Đã thực hành', dong_y: new Date(Date.UTC(2026, 1, 20)), hinh_thuc_dong_y: 'doc-to' },
  { ma_ho: 'PD-02', tinh: 'Thành phố Hà Nội', xa: 'Xã Phù Đổng', thon: 'Thôn Đổng Viên', chu_ho: 'Lê Văn Cường', ho_ten: 'Lê Văn Cường', nam_sinh: 1958, so_dien_thoai: '0987 654 321', ...ALL_PROFICIENT, ky_nang_mua_sam: 'chua', dong_y: '01/03/2026', hinh_thuc_dong_y: 'man-hinh' },
];

/** Builds the workbook: an instructions sheet first (no header), then the list under `header` (the import's columns by default); `extra` adds more sheets given as rows of cells. */
export async function communeWorkbook(
  rows: CommuneRow[] = COMMUNE_ROWS,
  options: { listSheet?: string; header?: readonly string[]; extra?: Record<string, ExcelJS.CellValue[][]> } = {},
): Promise<Buffer> {
  const header = options.header ?? CSV_COLUMNS;
  const book = new ExcelJS.Workbook();
  const help = book.addWorksheet('Hướng dẫn');
  help.addRow(['Cách điền: mỗi người một dòng; các người cùng hộ ghi cùng mã hộ.']);
  help.addRow(['Ngày đồng ý ghi theo ngày, tháng, năm.']);
  const list = book.addWorksheet(options.listSheet ?? 'Danh sách hộ');
  const last = String.fromCharCode(64 + header.length);
  list.mergeCells(`A1:${last}1`);
  list.getCell('A1').value = 'DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC HỖ TRỢ KỸ NĂNG SỐ';
  list.mergeCells(`A2:${last}2`);
  list.getCell('A2').value = 'Xã Phù Đổng — Tổ công nghệ số cộng đồng';
  list.getRow(4).values = [...header];
  rows.forEach((row, i) => {
    const line = list.getRow(5 + i);
    header.forEach((column, c) => {
      const value = row[column as keyof CommuneRow];
      if (value !== undefined) line.getCell(c + 1).value = value;
    });
  });
  // Household code and hamlet merged down each household's rows, as communes lay lists out.
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end + 1 < rows.length && rows[end + 1]!.ma_ho === rows[start]!.ma_ho) end++;
    if (end > start) {
      list.mergeCells(5 + start, 1, 5 + end, 1);
      list.mergeCells(5 + start, 4, 5 + end, 4);
    }
    start = end + 1;
  }
  if (header.includes('dong_y')) list.getColumn(header.indexOf('dong_y') + 1).numFmt = 'dd/mm/yyyy';
  for (const [name, cells] of Object.entries(options.extra ?? {})) book.addWorksheet(name).addRows(cells);
  return Buffer.from(await book.xlsx.writeBuffer());
}
