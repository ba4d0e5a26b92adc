import type { GeoDirectory } from '../geo';
import { writeBundleFile, writeCsvFile } from './exchange';
import type { RecordsService } from './records-service';
import { exportXlsx, kioskReport } from './xlsx';

/** The export formats: the report for upward sending, the commune's list, or a bundle to merge elsewhere. */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes the records to `file` in `format`; returns how many people it holds. */
export async function writeExport(service: RecordsService, geo: GeoDirectory, format: ExportFormat, file: string, options: { siteName: string; now?: Date }): Promise<number> {
  switch (format) {
    case 'xlsx':
      return (await exportXlsx(kioskReport(service), geo, file, options)).people;
    case 'csv':
      return writeCsvFile(service, geo, file);
    case 'bundle':
      return writeBundleFile(service, file, { siteName: options.siteName });
  }
}
