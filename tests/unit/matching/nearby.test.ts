import { describe as suite, expect, it } from 'vitest';
import { describe, type Fact } from '../../../server/services/matching/reasons.ts';
import { loadEnv } from '../../../server/config/env.ts';

const ctx = (lang: 'en' | 'fr' | 'es', nearbyKm = 300) => ({
  lang, sourceName: 'A', candidateName: 'B', routeOf: () => undefined, priorityLabel: (c: string) => c, nearbyKm,
});
const distance = (km: number): Fact => ({ kind: 'distance', weight: 0.01, data: { km } });

suite('distance reasons', () => {
  it('says "nearby" within the threshold and flags it in data', () => {
    const [r] = describe([distance(120)], ctx('en'));
    expect(r.detail).toBe('Nearby: 120 km apart');
    expect(r.data).toEqual({ km: 120, near: true });
  });

  it('gives only the distance beyond the threshold (the 2,479 km "Nearby" of issue 11)', () => {
    const [r] = describe([distance(2479)], ctx('en'));
    expect(r.detail).toBe('2,479 km apart');
    expect(r.detail).not.toMatch(/nearby/i);
    expect(r.data.near).toBe(false);
  });

  it('uses the configured threshold, inclusive', () => {
    expect(describe([distance(500)], ctx('en', 500))[0].data.near).toBe(true);
    expect(describe([distance(501)], ctx('en', 500))[0].data.near).toBe(false);
  });

  it('words both cases in French and Spanish with their number formats', () => {
    expect(describe([distance(2479)], ctx('fr'))[0].detail).toBe('À 2\u202f479 km l\'une de l\'autre');
    expect(describe([distance(80)], ctx('fr'))[0].detail).toMatch(/^Proches/);
    expect(describe([distance(80)], ctx('es'))[0].detail).toMatch(/^Cercanas/);
  });

  it('reads the threshold from NEARBY_KM, 300 km by default', () => {
    expect(loadEnv({}).NEARBY_KM).toBe(300);
    expect(loadEnv({ NEARBY_KM: '150' }).NEARBY_KM).toBe(150);
    expect(() => loadEnv({ NEARBY_KM: '-1' })).toThrow(/NEARBY_KM/);
  });
});
