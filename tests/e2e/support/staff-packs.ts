// Builds content-pack .zip files in memory for the staff import tests.
import yazl from 'yazl';
import { sampleDemo } from '../../support/demo-fixture';

/** A .zip holding the given files (path → text). */
export function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** A valid one-demo pack, optionally with a demo of a skill that does not exist. */
export function packFiles(options: { id: string; title: string; demoId: string; demoTitle: string; skill?: string }): Record<string, string> {
  return {
    'pack.json': JSON.stringify({ id: options.id, version: '1.0.0', title: { vi: options.title } }),
    [`demos/${options.demoId}.json`]: JSON.stringify(
      sampleDemo(options.demoId, { skill: options.skill ?? 'thanh-toan', title: options.demoTitle, summary: 'Tập trả tiền điện trên màn hình mô phỏng.', minutes: 4 }),
    ),
  };
}
