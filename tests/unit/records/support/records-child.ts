// Child process for the durability test: adds people one by one and prints each id once the add is acknowledged.
import path from 'node:path';
import { GeoDirectory } from '../../../../electron/services/geo';
import { createMemoryLogger } from '../../../../electron/services/logger';
import { RecordsService } from '../../../../electron/services/records/records-service';

const [dataDir, count, compactEvery] = process.argv.slice(2) as [string, string, string];
const geo = new GeoDirectory(path.resolve(import.meta.dirname, '..', '..', '..', '..', 'resources'));
const service = new RecordsService({ dataDir, geo, log: createMemoryLogger(), compactEvery: Number(compactEvery) });
await service.open();
const household = await service.addHousehold({ provinceCode: '01', communeCode: '00004', hamlet: 'Tổ dân phố 1', headName: 'Nguyễn Văn Bền' });
process.stdout.write(`ready ${household.id}\n`);
for (let i = 0; i < Number(count); i++) {
  const person = await service.addPerson(
    { householdId: household.id, fullName: `Nguyễn Thị Bền`, birthYear: 1900 + (i % 120), consent: { version: 'v1', method: 'giay', staffId: 'tre-em' } },
    { allowDuplicate: true },
  );
  process.stdout.write(`${person.id}\n`);
}
process.stdout.write('done\n');
await service.close();
