/**
 * The settings' shape and defaults, apart from settings.ts (which needs the extension API), so
 * tests and tools read the same values the extension uses instead of copying them.
 */
import type { EntityKind } from './types.js';

export interface Settings {
  enabled: boolean;
  /** Hostnames (without a leading "www.") where Backstory does nothing. */
  disabledSites: string[];
  hoverDelayMs: number;
  kinds: Record<EntityKind, boolean>;
  showSinceThen: boolean;
}

export const HOVER_DELAY_RANGE = { min: 150, max: 1500 } as const;

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  hoverDelayMs: 400,
  kinds: { person: true, organisation: true, event: true, law: true, quote: true },
  showSinceThen: true,
};
