import type { NarrationLanguage, Settings, SkillKey } from '../../../electron/api/types';
import { messagesFor, type Language, type Messages } from './i18n';
import type { PlayMode, RunResult } from '../player/player-run.svelte';

/** The settings the citizen side uses. */
export type CitizenSettings = Pick<Settings, 'language' | 'idleSeconds' | 'idleCountdownSeconds' | 'attractSlideSeconds' | 'narrationAutoplay'>;

/** The same defaults as electron/services/settings.ts, used until (or if) the core answers. */
export const DEFAULT_CITIZEN_SETTINGS: CitizenSettings = {
  language: 'vi',
  idleSeconds: 90,
  idleCountdownSeconds: 15,
  attractSlideSeconds: 8,
  narrationAutoplay: false,
};

/** Which citizen screen is up. */
export type Screen =
  | { name: 'attract' }
  | { name: 'home' }
  | { name: 'skill'; skill: SkillKey }
  | { name: 'player'; skill: SkillKey; demoId: string; mode: PlayMode; run: number };

/** An assisted visit: staff opened a session for a recorded person and handed the kiosk over. */
export interface Assist {
  sessionId: string;
  /** The secret that lets the citizen side add to this one session. */
  handoff: string;
  personId: string;
  /** How the banner names the person: "bác Ánh". */
  personName: string;
}

/** One citizen's visit: the screen, the chosen language and text size; reset wholesale between people. */
export class KioskState {
  settings = $state<CitizenSettings>({ ...DEFAULT_CITIZEN_SETTINGS });
  screen = $state<Screen>({ name: 'attract' });
  language = $state<Language>(DEFAULT_CITIZEN_SETTINGS.language);
  largeText = $state(false);
  /** The language the citizen chose to hear recorded narration in (the text stays as authored), or null: the text's own. */
  chosenVoice = $state<NarrationLanguage | null>(null);
  /** The language narration is heard in. */
  voice: NarrationLanguage = $derived(this.chosenVoice ?? this.language);
  /** The results of the demos run in this visit, for the assistance session staff may record. */
  results = $state<RunResult[]>([]);
  /** The assistance session this visit belongs to, or null for an anonymous visit. */
  assist = $state<Assist | null>(null);
  private runs = 0;
  t: Messages = $derived(messagesFor(this.language));

  /** Takes the staff's settings; the language applies at once only while nobody is using the kiosk. */
  applySettings(settings: CitizenSettings): void {
    this.settings = { ...settings };
    if (this.screen.name === 'attract') this.language = settings.language;
  }

  /** Leaves the attract screen for the skill list. */
  start(): void {
    this.screen = { name: 'home' };
  }

  /** Opens one skill's screen. */
  openSkill(skill: SkillKey): void {
    this.screen = { name: 'skill', skill };
  }

  /** Starts a demo (again), guided or on one's own. */
  openDemo(skill: SkillKey, demoId: string, mode: PlayMode = 'guided'): void {
    this.runs += 1;
    this.screen = { name: 'player', skill, demoId, mode, run: this.runs };
  }

  /** Leaves the player for its skill's demo list. */
  closeDemo(): void {
    if (this.screen.name === 'player') this.screen = { name: 'skill', skill: this.screen.skill };
  }

  /** Keeps a finished or abandoned run's result for this visit. */
  addResult(result: RunResult): void {
    this.results = [...this.results, result];
  }

  /** Staff handed the kiosk to a recorded person: a fresh visit at the skill list, tied to their session. */
  startAssist(assist: Assist): void {
    this.reset();
    this.assist = { ...assist };
    this.screen = { name: 'home' };
  }

  /** Staff finished the assisted visit's session: what follows is anonymous again. */
  endAssist(): void {
    this.assist = null;
  }

  /** Back to the skill list. */
  goHome(): void {
    this.screen = { name: 'home' };
  }

  /** Switches the citizen-side language. */
  setLanguage(language: Language): void {
    this.language = language;
  }

  /** Chooses the language narration is heard in. */
  setVoice(voice: NarrationLanguage): void {
    this.chosenVoice = voice;
  }

  /** Turns the +25% text size on or off. */
  toggleLargeText(): void {
    this.largeText = !this.largeText;
  }

  /** Ends the visit: attract screen, default language and voice, normal text; nothing of this person stays. */
  reset(): void {
    this.screen = { name: 'attract' };
    this.language = this.settings.language;
    this.largeText = false;
    this.chosenVoice = null;
    this.results = [];
    this.assist = null;
  }
}
