import { describe, expect, it } from 'vitest';
import { checkForm } from '../../../client/src/forms/check-form';
import { i18n } from './harness';

/**
 * Forms check their request bodies with the schemas the API validates them with (the contract's zod
 * schemas, loaded on first use), and word each problem in the user's language from its code.
 */
const t = (key: string, opts?: Record<string, unknown>) => i18n.t(key, opts);

describe('client-side checks with the contract schemas', () => {
  it('words required, e-mail and length problems of the sign-up form', async () => {
    await i18n.changeLanguage('en');
    expect(await checkForm('register', { name: ' ', email: 'nobody', password: 'short' }, t)).toEqual({
      name: 'This field is required.', email: 'Enter a valid email address.', password: 'At least 10 characters.',
    });
    expect(await checkForm('register', { name: 'Ana', email: 'ana@example.org', password: 'long enough pass' }, t)).toEqual({});
  });

  it('speaks the interface language and takes a field hint for what the schema rejects', async () => {
    await i18n.changeLanguage('fr');
    const errors = await checkForm('newCity', { name: '', country: 'Spain', languages: [] }, t, { country: 'ISO: ES' });
    expect(errors.name).toBe('Ce champ est obligatoire.');
    expect(errors.country).toBe('ISO: ES');
    expect(errors.languages).toBe('Ce champ est obligatoire.');
    await i18n.changeLanguage('en');
  });

  it('keys problems by field and by whole path (one bad stage country of a route)', async () => {
    const errors = await checkForm('route', { slug: 'new-route', name: 'New route', stages: { origin: ['DZ', 'Libya'], transit: [], destination: [] } }, t);
    expect(Object.keys(errors).sort()).toEqual(['stages', 'stages.origin.1']);
    expect(await checkForm('network', { name: 'Net', slug: 'Not A Slug' }, t, { slug: 'lower-case' })).toEqual({ slug: 'lower-case' });
  });

  it('rejects what the API would: an empty message, a twinning without themes, too many themes', async () => {
    expect(Object.keys(await checkForm('message', { body: '   ' }, t))).toEqual(['body']);
    expect(await checkForm('twinning', { fromCityId: 'a', toCityId: 'b', themes: [] }, t, { themes: 'pick one' })).toEqual({ themes: 'pick one' });
    const many = Array.from({ length: 11 }, (_, i) => `dignity.${i + 1}`);
    expect((await checkForm('twinning', { fromCityId: 'a', toCityId: 'b', themes: many }, t)).themes).toBe('At most 10.');
  });
});
