import type { Db, DbOrTx } from '../../db/client.ts';
import type { JobPayload } from '../../jobs/jobs.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { planItems, reminderSchedule, type PlanContent } from './plan.ts';

/** Every reminder job of a twinning has a cause key under this prefix (so they are cancelled together). */
const keyPrefix = (twinningId: string) => `twinning-${twinningId}-reminder-`;
const reminderKey = (p: JobPayload<'twinning.reminder'>) => `${keyPrefix(p.twinningId)}${p.itemKey}-${p.startsOn}-d${p.daysBefore}`;

/**
 * Reminders of a twinning's visits and activities as scheduled outbox rows (`availableAt`): written in
 * the transaction that saves the plan, replaced when it changes, cancelled when the twinning ends. The
 * job re-reads the plan when it runs, so one relayed before a change is skipped, never wrong.
 */
export function createTwinningReminders({ db, outbox }: { db: Db; outbox: Outbox }) {
  return {
    /** Replaces the pending reminders of a twinning by those of `plan` still to come after `now`. */
    async schedule(tx: DbOrTx, twinningId: string, plan: PlanContent, cityName: (id: string) => string, now: Date) {
      await outbox.cancelPending(tx, 'twinning.reminder', keyPrefix(twinningId));
      const due = reminderSchedule(planItems(plan, cityName), now);
      await outbox.addMany(tx, due.map((r) => {
        const payload = { twinningId, itemKey: r.itemKey, startsOn: r.startsOn, daysBefore: r.daysBefore };
        return { job: 'twinning.reminder' as const, key: reminderKey(payload), payload, availableAt: r.at };
      }));
      return due;
    },

    /** Cancels every reminder not yet relayed (the twinning ended). */
    cancel: (tx: DbOrTx, twinningId: string) => outbox.cancelPending(tx, 'twinning.reminder', keyPrefix(twinningId)),

    /**
     * Runs one reminder: when the twinning is still active and the item still starts that day, writes the
     * `twinning.reminder` notification of both cities' focal points (one per item, date and lead time).
     */
    async fire(p: JobPayload<'twinning.reminder'>, now: Date): Promise<{ sent: boolean; why?: string }> {
      return db.$transaction(async (tx) => {
        const t = await tx.twinning.findUnique({
          where: { id: p.twinningId },
          include: { fromCity: { select: { name: true } }, toCity: { select: { name: true } }, planRevisions: { orderBy: { revision: 'desc' }, take: 1 } },
        });
        if (!t || t.status !== 'active') return { sent: false, why: 'not active' };
        const plan = t.planRevisions[0]?.content as PlanContent | undefined;
        const names = new Map([[t.fromCityId, t.fromCity.name], [t.toCityId, t.toCity.name]]);
        const item = plan && planItems(plan, (id) => names.get(id) ?? '').find((i) => i.itemKey === p.itemKey && i.startsOn === p.startsOn);
        if (!item) return { sent: false, why: 'moved or removed' };
        if (now.getTime() >= Date.parse(`${p.startsOn}T00:00:00Z`) + 86_400_000) return { sent: false, why: 'already past' };
        const eventKey = reminderKey(p);
        await outbox.add(tx, {
          job: 'notification.fanout', key: eventKey,
          payload: {
            type: 'twinning.reminder', eventKey, actorId: null,
            subject: { kind: 'twinning', id: t.id },
            recipients: [{ kind: 'city_focal_points', cityId: t.fromCityId }, { kind: 'city_focal_points', cityId: t.toCityId }],
            data: {
              // the e-mail line reads "Coming up in your twinning: {{title}}"
              title: `${item.title}, ${p.startsOn} (${t.fromCity.name} – ${t.toCity.name})`, twinningId: t.id, item: item.title, itemKey: p.itemKey,
              startsOn: p.startsOn, daysBefore: p.daysBefore,
            },
          },
        });
        return { sent: true };
      });
    },
  };
}

export type TwinningReminders = ReturnType<typeof createTwinningReminders>;
