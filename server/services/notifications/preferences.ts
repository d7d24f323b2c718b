import { NOTIFICATION_TYPES, type EmailCadence, type NotificationType } from '../../contract/common.ts';

/**
 * Decisions addressed to the reader: e-mailed at once (unless that type's e-mail is off or the cadence
 * is `off`); everything else waits for the digest of the chosen cadence. Daily by default, so nobody is
 * flooded.
 */
export const INSTANT_TYPES: readonly NotificationType[] = [
  'twinning.requested', 'twinning.proposed', 'twinning.accepted', 'twinning.declined',
  'membership.approved', 'membership.declined', 'thread.invited', 'practice.returned',
];

export const DEFAULT_CADENCE: EmailCadence = 'daily';

export type TypeSwitches = { inApp: boolean; email: boolean };
export type StoredPreferences = { email: EmailCadence; timezone: string; types: unknown };
export type EmailMode = 'instant' | 'digest' | 'none';

const DEFAULT_SWITCHES: TypeSwitches = { inApp: true, email: true };

/** Stored overrides (JSON) read defensively: unknown types and malformed entries are ignored. */
export function switchesFor(types: unknown, type: NotificationType): TypeSwitches {
  const raw = types && typeof types === 'object' ? (types as Record<string, unknown>)[type] : undefined;
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    inApp: typeof o.inApp === 'boolean' ? o.inApp : DEFAULT_SWITCHES.inApp,
    email: typeof o.email === 'boolean' ? o.email : DEFAULT_SWITCHES.email,
  };
}

/** The preferences of a user who never saved any. */
export const defaultPreferences = (): StoredPreferences => ({ email: DEFAULT_CADENCE, timezone: 'UTC', types: {} });

/** How one notification of `type` reaches a user with these preferences. */
export function deliveryFor(prefs: StoredPreferences, type: NotificationType): { inApp: boolean; emailMode: EmailMode } {
  const s = switchesFor(prefs.types, type);
  let emailMode: EmailMode = 'none';
  if (s.email && prefs.email !== 'off') {
    emailMode = prefs.email === 'instant' || INSTANT_TYPES.includes(type) ? 'instant' : 'digest';
  }
  return { inApp: s.inApp, emailMode };
}

/** Every type with its effective switches, as the API shows them. */
export function presentPreferences(prefs: StoredPreferences) {
  return {
    email: prefs.email,
    timezone: prefs.timezone,
    types: Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, switchesFor(prefs.types, t)])) as Record<NotificationType, TypeSwitches>,
    instantTypes: [...INSTANT_TYPES],
  };
}
