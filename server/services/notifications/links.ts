type Subject = { kind: string; id: string };

/** The client path of what a notification is about; e-mails put it on PUBLIC_URL. */
export function subjectUrl(subject: Subject, data: Record<string, unknown> = {}): string {
  const id = encodeURIComponent(subject.id);
  switch (subject.kind) {
    case 'practice': return `/practices/${id}`;
    case 'twinning': return `/twinnings/${id}`;
    case 'thread': return `/threads/${id}`;
    case 'city': return `/cities/${id}`;
    // a join request is handled on its city's page
    case 'join_request': return typeof data.cityId === 'string' ? `/cities/${encodeURIComponent(data.cityId)}` : '/notifications';
    default: return '/notifications';
  }
}
