import { useTranslation } from 'react-i18next';
import type { JoinRequestStatus } from '../../../server/contract/join-requests.ts';

export function RequestStatus({ status }: { status: JoinRequestStatus }) {
  const { t } = useTranslation();
  return <span className={`badge request-${status}`}>{t(`join.status.${status}`)}</span>;
}
