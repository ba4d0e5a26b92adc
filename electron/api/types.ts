import type { CHANNELS, MethodName } from './channels';
import type { Input, Output } from './contract';
import type { Result } from './result';

export type { MethodName, Channel } from './channels';
export type { Input, Output } from './contract';
export type { Result, ApiError, ErrorCode } from './result';
export type { AppInfo } from '../services/app-info';
export type { Settings } from '../services/settings';
export type { Demo, DemoSummary, Step, StepVoice, NarrationLanguage, Widget, Target, Card, LocalizedText } from '../services/content/schema';
export type { SkillKey } from '../services/skills';
export type { RunReport, DemoUsage } from '../services/usage/usage-service';
export type { CardPreview, PrinterReport } from '../services/printing/print-service';
export type { PrintJobView, JobState } from '../services/printing/print-queue';
export type { Household, Person, Session, DemoResult, SkillLevel, Achievement, ConsentMethod, DeletionReason, Gender } from '../services/records/model';
export type { PersonHit, HouseholdHit, RecordsProblem } from '../services/records/records-service';
export type { RecordsStats } from '../services/records/stats';
export type { ImportSummary } from '../services/records/exchange';
export type { ConsentText } from '../services/records/consent';
export type { BackupInfo } from '../services/storage/backups';
export type { RecordsExport } from './contract';
export type { SyncStatus, SyncState, Waiting } from '../services/sync/sync-service';

/** The channel behind method `M`. */
export type ChannelOf<M extends MethodName> = (typeof CHANNELS)[M];

/** The named API the page sees: one method per channel, each taking one object and resolving to a Result. */
export type KioskApi = {
  [M in MethodName]: (input: Input<ChannelOf<M>>) => Promise<Result<Output<ChannelOf<M>>>>;
};
