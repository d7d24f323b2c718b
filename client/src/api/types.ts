// Response shapes used by the client (see /work/shared/CONTRACT.md). Servers may add fields.

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

export interface Notification {
  id: string;
  type: string;
  payload: unknown;
  createdAt: string;
  readAt: string | null;
}
