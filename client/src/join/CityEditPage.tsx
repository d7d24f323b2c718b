import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { CityMatches } from '../components/CityMatches';
import { RequireAuth } from '../components/RequireAuth';
import { ErrorState, Loading } from '../components/Status';
import { useDocumentTitle } from '../format';
import { joinApi } from './api';
import { CityProfileEditor, MembersEditor, PrioritiesEditor, RoutesEditor } from './CityEditors';
import { CityJoinRequests } from './CityJoinRequests';
import { cityAbilities } from './permissions';
import { useMe } from './useMe';
import './join.css';

/** A city's profile for its focal points and its networks' managers: fields, priorities, routes, members, requests. */
function CityEdit() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [state, reload] = useApi((signal) => joinApi.city(id, lang, signal), [id, lang]);
  const [me, , meLoading] = useMe();
  // bumped on every save: the explained matches below are fetched again
  const [version, setVersion] = useState(0);
  useDocumentTitle(state.status === 'success' ? t('join.city.editTitle', { city: state.data.name }) : t('cities.title'), t('app.name'));
  const saved = () => setVersion((v) => v + 1);

  if (state.status === 'loading' || meLoading) return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const city = state.data;
  if (!cityAbilities(me, city).manage) {
    return <p className="error-state" role="alert">{t('join.city.notAllowed')}</p>;
  }
  return (
    <article className="city-edit">
      <p className="breadcrumb"><Link to={`/cities/${encodeURIComponent(city.id)}`}>← {city.name}</Link></p>
      <h1>{t('join.city.editTitle', { city: city.name })}</h1>
      <div className="edit-grid">
        <div>
          <CityProfileEditor city={city} lang={lang} onSaved={saved} />
          <PrioritiesEditor city={city} lang={lang} onSaved={saved} />
          <RoutesEditor city={city} lang={lang} onSaved={saved} />
        </div>
        <div>
          <CityJoinRequests cityId={city.id} />
          <MembersEditor key={version} cityId={city.id} />
          <CityMatches key={version} cityId={city.id} lang={lang} />
        </div>
      </div>
    </article>
  );
}

export function CityEditPage() {
  return (
    <RequireAuth>
      <CityEdit />
    </RequireAuth>
  );
}
