import { z } from '../services/zod';
import { SKILL_KEYS } from '../services/skills';
import type { Channel } from './channels';
import type { AppInfo } from '../services/app-info';
import type { Settings } from '../services/settings';
import type { DemoSummary } from '../services/content/schema';

const empty = z.object({}).strict();

/** Input schema of every channel: each takes one object, checked on entry. */
export const INPUTS = {
  'app:info': empty,
  'settings:get': empty,
  'content:list': z.object({ skill: z.enum(SKILL_KEYS).optional() }).strict(),
} as const satisfies Record<Channel, z.ZodType>;

/** Output type of every channel. */
export interface Outputs {
  'app:info': AppInfo;
  'settings:get': Settings;
  'content:list': { demos: DemoSummary[] };
}

/** The (pre-validation) input a caller passes to channel `C`. */
export type Input<C extends Channel> = z.input<(typeof INPUTS)[C]>;
/** The validated input a handler receives for channel `C`. */
export type ParsedInput<C extends Channel> = z.output<(typeof INPUTS)[C]>;
/** What channel `C` returns inside its Result. */
export type Output<C extends Channel> = Outputs[C];

// Every channel must declare an output; this line fails to compile if one is missing.
export type _AllChannelsHaveOutputs = Outputs[Channel];
