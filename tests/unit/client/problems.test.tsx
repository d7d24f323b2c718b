// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../../client/src/api/http';
import { i18n, problem, useCleanClientState } from './harness';

useCleanClientState();

const badRegister = () =>
  problem(400, 'Bad Request', {
    code: 'validation',
    detail: 'The request has invalid fields',
    errors: [
      { path: 'password', message: 'Too small: expected string to have >=10 characters', code: 'too_small', params: { minimum: 10, origin: 'string' } },
      { path: 'email', message: 'Invalid email address', code: 'invalid_format', params: { format: 'email' } },
      { path: 'cityId', message: 'Unknown city', code: 'custom' },
    ],
  });

describe('problems in the reader’s language', () => {
  it('words the problem and its field errors from their codes in French and Spanish', async () => {
    await i18n.changeLanguage('fr');
    const fr = await toApiError(badRegister());
    expect(fr.code).toBe('validation');
    expect(fr.detail).toBe('Certains champs ne sont pas valides.');
    expect(fr.fieldErrors).toEqual({ password: 'Au moins 10 caractères.', email: 'Adresse e-mail non valide.', cityId: 'Unknown city' });

    await i18n.changeLanguage('es');
    const es = await toApiError(problem(429, 'Too Many Requests', { code: 'rate_limited', detail: 'Too many attempts' }));
    expect(es.detail).toBe('Demasiados intentos: espere un momento y vuelva a intentarlo.');
  });

  it('keeps the server’s text for a code it has no words for', async () => {
    await i18n.changeLanguage('fr');
    const e = await toApiError(problem(409, 'Conflict', { code: 'twinning_exists', detail: 'A twinning already exists' }));
    expect(e.detail).toBe('A twinning already exists');
  });
});
