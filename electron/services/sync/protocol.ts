import { z } from '../zod';
import type { Deletion, Household, Person, Session } from '../records/model';
import type { ImportCounts } from '../records/exchange';

/** Most records (households, people, sessions and erasures together) in one pushed batch. */
export const MAX_BATCH_RECORDS = 2000;
/** Largest request body the hub reads from a kiosk. */
export const MAX_SYNC_BODY_BYTES = 4 * 1024 * 1024;
/** How far a kiosk's clock may be from the hub's before its batches are refused. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
/** Most records the hub sends back in one pull. */
export const MAX_PULL_RECORDS = 2000;

/** The paths of the kiosk-facing part of the hub's API (all POST, JSON). */
export const SYNC_PATHS = {
  hello: '/sync/hello',
  enrol: '/sync/enrol',
  push: '/sync/push',
  pull: '/sync/pull',
  status: '/sync/status',
} as const;

/** The hub's answer to a first contact: who it is and the salt enrolment keys are derived with. */
export interface HelloReply {
  hubId: string;
  hubName: string;
  salt: string;
}

/** A kiosk asking to enrol: it proves it holds the code, and binds the certificate it sees, without sending the code. */
export const EnrolRequestSchema = z.strictObject({
  lookup: z.string().regex(/^[0-9a-f]{32}$/),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  proof: z.string().regex(/^[0-9a-f]{64}$/),
  kioskName: z.string().trim().min(1).max(120),
  appVersion: z.string().max(40),
});
/** An enrolment request. */
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

/** The site a kiosk belongs to, as the hub tells it. */
export interface SiteInfo {
  id: string;
  kind: 'xa' | 'diem';
  name: string;
  provinceCode: string;
  communeCode: string;
}

/** The hub's answer to an enrolment: the kiosk's own credential, and a proof that the hub knew the code too. */
export interface EnrolReply {
  kioskId: string;
  secret: string;
  site: SiteInfo;
  hubId: string;
  hubName: string;
  /** HMAC over nonce, certificate fingerprint, kiosk id and secret with the key from the code. */
  hubProof: string;
}

const unknowns = z.array(z.unknown());

/** A batch of changes a kiosk pushes; records are checked one by one by the hub (checkRecordSet). */
export const PushRequestSchema = z.strictObject({
  batchId: z.uuid(),
  /** The kiosk's clock when it sent the batch. */
  sentAt: z.iso.datetime({ offset: true }),
  /** Changes still waiting on the kiosk after this batch. */
  waiting: z.number().int().min(0).max(100_000_000),
  appVersion: z.string().max(40),
  households: unknowns,
  people: unknowns,
  sessions: unknowns,
  deletions: unknowns,
});
/** A pushed batch as the kiosk builds it. */
export interface PushRequest {
  batchId: string;
  sentAt: string;
  waiting: number;
  appVersion: string;
  households: Household[];
  people: Person[];
  sessions: Session[];
  deletions: Deletion[];
}

/** What the hub did with a batch. Everything in it is acknowledged, applied or not. */
export interface PushAck {
  batchId: string;
  /** The batch had been received before: acknowledged again, applied once. */
  replay: boolean;
  households: ImportCounts;
  people: ImportCounts;
  sessions: ImportCounts;
  deletions: { applied: number; logged: number };
  /** Records left out because they were erased before (here or elsewhere). */
  skippedErased: number;
  /** Records whose times lay in the future (a kiosk clock that ran fast): stored at the hub's time. */
  clamped: number;
  hubTime: string;
}

/** A kiosk asking for its commune's households (and erasures) changed since `cursor`. */
export const PullRequestSchema = z.strictObject({ cursor: z.number().int().min(0) });

/** Households and erasures of the kiosk's commune, in change order. */
export interface PullReply {
  households: Household[];
  deletions: Deletion[];
  cursor: number;
  more: boolean;
}

/** A kiosk's standing at the hub. */
export interface StatusReply {
  kioskId: string;
  site: SiteInfo;
  hubTime: string;
  revoked: boolean;
}
