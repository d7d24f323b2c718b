import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { RequireAuth } from '../components/RequireAuth';
import { languageName, useDocumentTitle } from '../format';
import { MyCities, PasswordForm, ProfileForm } from '../join/ProfileSections';
import { useMe } from '../join/useMe';
import { ContributeLinks } from '../practices/editor/ContributeLinks';

function Profile() {
  const { t, i18n } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const [me, reloadMe] = useMe();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  if (!user) return null;
  return (
    <article className="narrow">
      <h1>{t('me.title')}</h1>
      <dl className="facts">
        <div>
          <dt>{t('me.name')}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{t('me.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('me.locale')}</dt>
          <dd>{user.locale ? languageName(user.locale, lang) : t('common.notProvided')}</dd>
        </div>
        {me && (
          <div>
            <dt>{t('join.profile.timezone')}</dt>
            <dd>{me.timezone}</dd>
          </div>
        )}
      </dl>
      {me && (
        <>
          <ProfileForm key={`${me.user.name}|${me.user.locale}|${me.timezone}`} me={me} onSaved={reloadMe} />
          <PasswordForm />
          <MyCities me={me} />
        </>
      )}
      <ContributeLinks />
      <button
        type="button"
        className="button button-ghost"
        onClick={async () => {
          await logout();
          navigate('/', { state: { flash: 'auth.signedOut' } });
        }}
      >
        {t('user.signOut')}
      </button>
    </article>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('me.title'), t('app.name'));
  return (
    <RequireAuth>
      <Profile />
    </RequireAuth>
  );
}
