// By hand: `npm run fake-printer -- [--port 9100] [--out DIR] [--paper-out] [--cover-open] [--talkative]`.
// Prints the URI to give the kiosk, and saves every job it receives as a PNG in DIR. `--talkative`
// sends Automatic Status Back on connect and answers real-time status wherever it occurs, as many printers do.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rasterToPng } from '../../electron/services/cards/layout';
import { FakePrinter } from './fake-printer';

const { values } = parseArgs({
  options: { port: { type: 'string' }, out: { type: 'string' }, 'paper-out': { type: 'boolean' }, 'cover-open': { type: 'boolean' }, talkative: { type: 'boolean' } },
});
const out = path.resolve(values.out ?? 'test-results/fake-printer');
mkdirSync(out, { recursive: true });
const printer = new FakePrinter({ talkative: values.talkative === true });
printer.status = { paperOut: values['paper-out'] === true, coverOpen: values['cover-open'] === true };
await printer.start(Number(values.port ?? 9100));
process.stdout.write(`Fake printer listening: ${printer.uri}${printer.talkative ? ' (talkative)' : ''}\nJobs are saved as PNG in ${out}\n`);
let saved = 0;
setInterval(() => {
  while (saved < printer.jobs.length) {
    const job = printer.jobs[saved++]!;
    const file = path.join(out, `job-${saved}.png`);
    writeFileSync(file, rasterToPng(job.raster));
    process.stdout.write(`job ${saved}: ${job.raster.width}×${job.raster.height} dots, ${job.bands.length} band(s), ${job.bytes} bytes${job.realtimeInData.length ? `, real-time sequences inside the image: ${job.realtimeInData.join(', ')}` : ''} → ${file}\n`);
  }
}, 200);
process.on('SIGINT', () => void printer.stop().then(() => process.exit(0)));
