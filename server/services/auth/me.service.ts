import type { Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import type { Actor } from './actor.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const DEFAULT_TIMEZONE = 'UTC'; // the notification preferences' default too

/** The signed-in user with the cities they belong to and the networks they manage (/api/me, the client's menus). */
export function createMeService({ db }: { db: Db }) {
  return {
    async get(actor: Actor) {
      const [user, cities, networks, prefs] = await Promise.all([
        db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { id: true, email: true, name: true, locale: true, isPlatformAdmin: true, createdAt: true } }),
        db.cityMembership.findMany({
          where: { userId: actor.userId },
          select: { role: true, city: { select: { id: true, name: true, countryCode: true } } },
          orderBy: { createdAt: 'asc' },
        }),
        db.networkManager.findMany({
          where: { userId: actor.userId },
          select: { network: { select: { id: true, slug: true, name: true } } },
          orderBy: { createdAt: 'asc' },
        }),
        db.notificationPreference.findUnique({ where: { userId: actor.userId }, select: { timezone: true } }),
      ]);
      return {
        user: presentUser(user),
        // one source of truth: the notification preferences (digests follow it)
        timezone: prefs?.timezone ?? DEFAULT_TIMEZONE,
        cities: cities.map((m) => ({ id: m.city.id, name: m.city.name, country: m.city.countryCode, role: m.role })),
        managedNetworks: networks.map((n) => n.network),
      };
    },

    /** Name and interface language on the user; the time zone on the notification preferences (one place). */
    async update(actor: Actor, input: { name?: string; locale?: string; timezone?: string }) {
      await db.$transaction(async (tx) => {
        if (input.name !== undefined || input.locale !== undefined) {
          await tx.user.update({ where: { id: actor.userId }, data: { name: input.name, locale: input.locale } });
        }
        if (input.timezone !== undefined) {
          await tx.notificationPreference.upsert({
            where: { userId: actor.userId }, create: { userId: actor.userId, timezone: input.timezone }, update: { timezone: input.timezone },
          });
        }
      });
      return this.get(actor);
    },

    /** Checks the current password, stores the new one (argon2id) and ends the user's other sessions. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
      const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new AppError('validation', 400, 'The current password is wrong', [{ path: 'currentPassword', message: 'The current password is wrong' }]);
      }
      const passwordHash = await hashPassword(newPassword);
      await db.$transaction([
        db.user.update({ where: { id: actor.userId }, data: { passwordHash } }),
        db.session.deleteMany({ where: { userId: actor.userId, id: { not: actor.sessionId } } }),
      ]);
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
