import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { isApiError } from '../api/http';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthProvider';

/**
 * "Contact this city": opens the thread between the user's city and `cityId` (the existing one, or a
 * new one). Shown to members of another city only.
 */
export function ContactCityButton({ cityId, cityName }: { cityId: string; cityName: string }) {
  const { t } = useTranslation();
  const { status } = useAuth();
  const navigate = useNavigate();
  const [mine] = useApi((signal) => (status === 'authenticated' ? api.myCities(signal) : Promise.resolve([])), [status]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const from = mine.status === 'success' ? mine.data.find((c) => c.id !== cityId) : undefined;
  if (!from) return null;
  return (
    <span className="contact-city">
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-label={t('threads.contactCity', { city: cityName })}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const thread = await api.directThread(cityId, from.id);
            navigate(`/threads/${encodeURIComponent(thread.id)}`);
          } catch (err) {
            setError(isApiError(err) ? err.detail ?? err.title : String(err));
            setBusy(false);
          }
        }}
      >
        {t('threads.contact')}
      </button>
      {error && <span className="form-error" role="alert"> {error}</span>}
    </span>
  );
}
