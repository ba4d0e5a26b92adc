import { AppError } from '../../api/result';
import type { GeoDirectory } from '../geo';
import { writeBundleFile, writeCsvFile } from './exchange';
import type { RecordsService } from './records-service';
import { exportXlsx, kioskReport } from './xlsx';

/** The export formats: the report for upward sending, the commune's list, or a bundle to merge elsewhere. */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes the records to `file` in `format`; returns how many people it holds. */
export async function writeExport(service: RecordsService, geo: GeoDirectory, format: ExportFormat, file: string, options: { siteName: string; now?: Date; passphrase?: string | undefined }): Promise<number> {
  switch (format) {
    case 'xlsx':
      return (await exportXlsx(kioskReport(service), geo, file, options)).people;
    case 'csv':
      return writeCsvFile(service, geo, file);
    case 'bundle':
      if (!options.passphrase) {
        throw new AppError('INVALID_INPUT', 'Gói hồ sơ chứa thông tin của người dân nên phải được khóa: hãy đặt cụm mật khẩu (ít nhất 10 ký tự).', { fields: { passphrase: 'Chưa đặt cụm mật khẩu.' } });
      }
      return writeBundleFile(service, file, { siteName: options.siteName, passphrase: options.passphrase });
  }
}
