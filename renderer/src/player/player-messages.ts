import type { Messages } from '../lib/i18n';

/** The player's and keyboard's strings: the `player` part of the one i18n module. */
export type PlayerMessages = Messages['player'];
