import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/http';
import { useAuth } from '../auth/AuthProvider';
import { splitServerErrors, type FieldErrors } from '../auth/validation';
import { checkForm, prefetchFormChecks } from '../forms/check-form';
import { FormField } from '../components/FormField';
import { useDocumentTitle } from '../format';

const FIELDS = ['email', 'password'] as const;

export function SignInPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [email, setEmail] = useState((location.state as { email?: string } | null)?.email ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(t('auth.signIn.title'), t('app.name'));

  const fail = (fieldErrors: FieldErrors, messages: string[]) => {
    setErrors(fieldErrors);
    setFormError(messages);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local = await checkForm('signIn', { email, password }, t);
    if (Object.keys(local).length) return fail(local, [t('auth.validation.summary')]);

    setSubmitting(true);
    setErrors({});
    setFormError([]);
    try {
      await login(email.trim(), password);
      navigate(from && from.startsWith('/') ? from : '/me', { replace: true });
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError) {
        if (err.status === 401) return fail({}, [t('auth.signIn.invalid')]);
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
      <h1>{t('auth.signIn.title')}</h1>
      {notice && (
        <p className="flash" role="status">
          {t(notice)}
        </p>
      )}
      <div ref={summaryRef} tabIndex={-1} className={formError.length ? 'form-error' : undefined} role="alert">
        {formError.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
      <form onSubmit={onSubmit} onFocus={prefetchFormChecks} noValidate className="form">
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
          autoComplete="current-password"
          required
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button" disabled={submitting} aria-busy={submitting}>
          {submitting ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
        </button>
      </form>
      <p>
        {t('auth.signIn.noAccount')} <Link to="/register">{t('auth.signIn.registerLink')}</Link>
      </p>
    </article>
  );
}
