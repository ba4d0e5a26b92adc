// Child process for the SIGKILL test: tries wrong PINs one by one and reports each answered attempt.
import { StaffService } from '../../../electron/services/staff/staff-service';
import { createMemoryLogger } from '../../../electron/services/logger';

const [dataDir, staffId] = process.argv.slice(2) as [string, string];
const staff = new StaffService(dataDir, createMemoryLogger());
await staff.open();
for (let i = 0; i < 3; i++) {
  await staff.signIn(staffId, '000001').catch(() => undefined);
  process.stdout.write(`answered ${i + 1}\n`);
}
process.stdout.write('waiting\n');
setInterval(() => undefined, 1000);
