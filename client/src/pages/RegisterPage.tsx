import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/http';
import { useAuth } from '../auth/AuthProvider';
import { MIN_PASSWORD_LENGTH, splitServerErrors, type FieldErrors } from '../auth/validation';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { FormField } from '../components/FormField';
import { useDocumentTitle } from '../format';

const FIELDS = ['name', 'email', 'password'] as const;

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { register } = useAuth();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(t('auth.register.title'), t('app.name'));

  const fail = (fieldErrors: FieldErrors, messages: string[]) => {
    setErrors(fieldErrors);
    setFormError(messages);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const locale = i18n.resolvedLanguage ?? i18n.language;
    const local = await checkForm('register', { name, email, password, locale }, t, { 'password.too_short': t('auth.validation.passwordLength') });
    if (Object.keys(local).length) return fail(local, [t('auth.validation.summary')]);

    setSubmitting(true);
    setErrors({});
    setFormError([]);
    try {
      await register({ name: name.trim(), email: email.trim(), password, locale });
      navigate('/me', { replace: true });
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError) {
        // The account may exist even though the follow-up login failed: send the user to sign in.
        if (err.status === 401) {
          navigate('/signin', { state: { notice: 'auth.register.created', email: email.trim() } });
          return;
        }
        const split = splitServerErrors(err, FIELDS);
        const messages = split.other.length || Object.keys(split.fields).length ? split.other : [err.detail || err.title];
        if (Object.keys(split.fields).length) messages.unshift(t('auth.validation.summary'));
        return fail(split.fields, messages);
      }
      fail({}, [t('common.error.title')]);
    }
  };

  return (
    <article className="narrow">
      <h1>{t('auth.register.title')}</h1>
      <p className="lead">{t('auth.register.intro')}</p>
      <div ref={summaryRef} tabIndex={-1} className={formError.length ? 'form-error' : undefined} role="alert">
        {formError.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
      <form onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate className="form">
        <FormField
          label={t('auth.fields.name')}
          name="name"
          autoComplete="name"
          required
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <FormField
          label={t('auth.fields.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <FormField
          label={t('auth.fields.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t('auth.fields.passwordHint')}
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button" disabled={submitting} aria-busy={submitting}>
          {submitting ? t('auth.register.submitting') : t('auth.register.submit')}
        </button>
      </form>
      <p>
        {t('auth.register.haveAccount')} <Link to="/signin">{t('auth.register.signInLink')}</Link>
      </p>
    </article>
  );
}
