import { z } from '../zod';
import type { JournalCodec } from '../storage/journal-store';
import { DeletionSchema, HouseholdSchema, SessionSchema, personSchema } from './model';
import { RecordsState, type RecordOp } from './state';
import { RECORDS_MIGRATIONS } from './migrations';
import { RECORDS_SCHEMA_VERSION, decodeRecords, encodeRecords, parseRecordsText, serializeRecords, type RecordsWire } from './wire';

// Journal lines hold whole records in their plain form, checked again when replayed.
const LenientYear = () => new Date().getFullYear() + 1;
const OpSchema = z.discriminatedUnion('k', [
  z.strictObject({ k: z.literal('h'), v: HouseholdSchema }),
  z.strictObject({ k: z.literal('p'), v: z.lazy(() => personSchema(LenientYear())) }),
  z.strictObject({ k: z.literal('s'), v: SessionSchema }),
  z.strictObject({ k: z.literal('del-p'), id: z.string().min(1), d: z.array(DeletionSchema) }),
  z.strictObject({ k: z.literal('del-h'), id: z.string().min(1), d: z.array(DeletionSchema) }),
  z.strictObject({ k: z.literal('log'), d: z.array(DeletionSchema) }),
]);
const OpsSchema = z.array(OpSchema);

/** How the journal store reads, writes and upgrades the records. */
export const recordsCodec: JournalCodec<RecordsState, RecordOp> = {
  version: RECORDS_SCHEMA_VERSION,
  parse: parseRecordsText,
  serialize: (wire) => serializeRecords(wire as RecordsWire),
  empty: () => new RecordsState(),
  versionOf(wire) {
    if (typeof wire !== 'object' || wire === null) return null;
    const w = wire as { header?: { v?: unknown }; v?: unknown; schemaVersion?: unknown };
    const version = w.header?.v ?? w.v ?? w.schemaVersion;
    return typeof version === 'number' && Number.isInteger(version) ? version : null;
  },
  migrations: RECORDS_MIGRATIONS,
  decode: decodeRecords,
  encode: encodeRecords,
  parseOps(raw) {
    return OpsSchema.parse(raw) as RecordOp[];
  },
  apply(state, ops) {
    state.apply(ops);
  },
};
