// Response shapes used by the client (see /work/shared/CONTRACT.md). Servers may add fields.
import type { z } from 'zod';
import type {
  notificationListResponse, notificationPreferencesSchema, notificationSchema, unsubscribeResponse, updateNotificationPreferencesBody,
} from '../../../server/contract/notifications.ts';

export type Locale = 'en' | 'fr' | 'es';

export interface User {
  id: string;
  email: string;
  name: string;
  locale?: string | null;
  [extra: string]: unknown;
}

export interface Paginated<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Priority {
  code: string;
  label: string;
}

export interface Principle {
  slug: string;
  label: string;
  theme?: string;
  priorities: Priority[];
}

export interface Taxonomy {
  principles: Principle[];
}

export interface RouteSummary {
  slug: string;
  name: string;
  description?: string | null;
  cityCount?: number;
}

export interface CityRef {
  id: string;
  name: string;
  country: string;
}

export type RouteRole = 'origin' | 'transit' | 'destination';

export interface RouteDetail {
  route: RouteSummary;
  stages: Partial<Record<RouteRole, CityRef[]>>;
}

export interface CitySummary extends CityRef {
  region?: string | null;
  population?: number | null;
}

export type Stance = 'offer' | 'seek' | 'both';

export interface CityPriority {
  code: string;
  stance: Stance;
  label?: string;
}

export interface CityRoute {
  slug: string;
  name: string;
  role: RouteRole;
}

export interface CityDetail extends CitySummary {
  lat?: number | null;
  lon?: number | null;
  languages?: string[];
  priorities?: CityPriority[];
  routes?: CityRoute[];
}

export type Notification = z.output<typeof notificationSchema>;
export type NotificationList = z.output<typeof notificationListResponse>;
export type NotificationPreferences = z.output<typeof notificationPreferencesSchema>;
export type NotificationPreferencesUpdate = z.input<typeof updateNotificationPreferencesBody>;
export type UnsubscribeResult = z.output<typeof unsubscribeResponse>;

// ───── practices, search and matching ─────

export type PracticeFacet = 'principle' | 'priority' | 'country' | 'region' | 'route' | 'language' | 'targetGroup';

export interface PracticeCityRef {
  id: string;
  name: string;
  country: string | null;
}

export interface PracticeHit {
  id: string;
  title: string;
  summary: string;
  city: PracticeCityRef;
  priorities: string[];
  language: string;
  publishedAt: string | null;
  /** HTML escaped by the server, matches wrapped in <mark>. */
  highlights: { title: string; summary: string; body?: string };
}

export interface PracticeSearchResult {
  hits: PracticeHit[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  facets: Partial<Record<PracticeFacet, Record<string, number>>>;
  corrections?: Array<{ word: string; to: string[] }>;
  engine: string;
}

export interface Practice {
  id: string;
  title: string;
  summary: string;
  body: string;
  /** Sanitised by the server (server/services/practices/markdown.ts). */
  bodyHtml: string;
  city: PracticeCityRef;
  language: string;
  status: 'draft' | 'in_review' | 'published' | 'archived';
  author: { id: string; name: string };
  priorities: string[];
  routes: string[];
  targetGroups: string[];
  howTo: { process?: string; challenges?: string; successFactors?: string; transferability?: string } | null;
  budget: string | null;
  startedOn: string | null;
  endedOn: string | null;
  outcomes: string | null;
  contact: string | null;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MatchReasonKind = 'shared_priority' | 'complementary_priority' | 'route' | 'language' | 'size' | 'distance';

export interface CityMatch {
  city: PracticeCityRef;
  score: number;
  reasons: Array<{ kind: MatchReasonKind; detail: string; weight: number; data: Record<string, unknown> }>;
}
