/** Client view of the twinnings API: the contract's types (server/contract/twinnings.ts), type-only. */
import type {
  BrokeringPair, BrokeringResponse, CreateTwinningInput, PutPlanInput, Twinning as TwinningSummary, TwinningDetail,
  TwinningEvent, TwinningListResponse, TwinningPlan,
} from '../../../server/contract/twinnings.ts';
import type { TwinningStatus, VisitKind } from '../../../server/contract/common.ts';

export type { BrokeringPair, BrokeringResponse, CreateTwinningInput, TwinningDetail, TwinningEvent, TwinningListResponse, TwinningStatus, TwinningSummary, VisitKind };

/** A twinning as the pages hold it: the list shape, with the detail's parts when loaded. */
export type Twinning = TwinningSummary & Partial<Pick<TwinningDetail, 'events' | 'plan'>>;
export type Plan = TwinningPlan;
export type Activity = Plan['activities'][number];
export type Visit = Plan['visits'][number];
export type MatchReason = TwinningSummary['reasons'][number];
export type CityRef = { id: string; name: string; country?: string | null };

/** What the pages send: the plan without the optional fields' defaults. */
export type PlanInput = Required<Pick<PutPlanInput, 'objectives' | 'themes' | 'activities' | 'visits' | 'indicators'>> & Pick<PutPlanInput, 'baseRevision'>;

export type TwinningMove = 'accept' | 'decline' | 'withdraw' | 'end';
export type ConsentState = 'given' | 'pending' | 'declined' | 'none';
