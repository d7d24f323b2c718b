import { z } from 'zod';

/**
 * Enums and patterns shared by the server, the client (types only) and the tests. Every schema that
 * names a stance, a route role, a language or a priority code takes it from here.
 */
export const STANCES = ['offer', 'seek', 'both'] as const;
export type Stance = (typeof STANCES)[number];

export const ROUTE_ROLES = ['origin', 'transit', 'destination'] as const;
export type RouteRole = (typeof ROUTE_ROLES)[number];

export const MEMBER_ROLES = ['focal_point', 'practitioner'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Interface languages: labels, e-mails and problems are translated into these. */
export const UI_LANGUAGES = ['en', 'fr', 'es'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** `<principle>.<n>`, e.g. `solidarity.3`. Existence is checked against the taxonomy by the services. */
export const PRIORITY_CODE_PATTERN = /^[a-z][a-z0-9-]*\.[1-9]\d*$/;

/** Every notification type a producer may emit; e-mail templates and preferences are keyed by them. */
export const NOTIFICATION_TYPES = [
  'twinning.requested', 'twinning.proposed', 'twinning.accepted', 'twinning.declined', 'twinning.withdrawn',
  'twinning.activated', 'twinning.ended', 'twinning.reminder',
  'thread.invited', 'thread.mentioned',
  'practice.submitted', 'practice.published', 'practice.returned',
  'membership.requested', 'membership.approved', 'membership.declined',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Where a twinning stands (docs/twinnings.md has the transition table). */
export const TWINNING_STATUSES = ['requested', 'proposed', 'active', 'declined', 'withdrawn', 'ended'] as const;
export type TwinningStatus = (typeof TWINNING_STATUSES)[number];
/** The moves of a twinning's state machine; each is one audit event. */
export const TWINNING_ACTIONS = ['request', 'propose', 'accept', 'decline', 'withdraw', 'activate', 'end'] as const;
export type TwinningAction = (typeof TWINNING_ACTIONS)[number];
export const VISIT_KINDS = ['visit', 'return_visit'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const EMAIL_CADENCES = ['instant', 'daily', 'weekly', 'off'] as const;
export type EmailCadence = (typeof EMAIL_CADENCES)[number];

export const uiLanguageSchema = z.enum(UI_LANGUAGES);
export const stanceSchema = z.enum(STANCES);
export const routeRoleSchema = z.enum(ROUTE_ROLES);
export const memberRoleSchema = z.enum(MEMBER_ROLES);
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES);
export const emailCadenceSchema = z.enum(EMAIL_CADENCES);
export const twinningStatusSchema = z.enum(TWINNING_STATUSES);
export const visitKindSchema = z.enum(VISIT_KINDS);
