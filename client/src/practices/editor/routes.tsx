import { lazy, Suspense, type ComponentType } from 'react';
import { Route } from 'react-router-dom';
import { Loading } from '../../components/Status';

/** Loaded on first visit: the editor bundles the contract's zod schemas, which reading pages do not need. */
const page = (load: () => Promise<ComponentType>) => {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
};

/** The routes of writing and reviewing practices and of the CSV import; called inside <Routes> (not a component). */
export function practicesUiRoutes() {
  return (
    <>
      <Route path="practices/new" element={page(async () => (await import('./PracticeEditorPage')).PracticeEditorPage)} />
      <Route path="practices/:id/edit" element={page(async () => (await import('./PracticeEditorPage')).PracticeEditorPage)} />
      <Route path="me/practices" element={page(async () => (await import('./MyPracticesPage')).MyPracticesPage)} />
      <Route path="review" element={page(async () => (await import('./ReviewQueuePage')).ReviewQueuePage)} />
      <Route path="networks/:id/import" element={page(async () => (await import('../../imports/ImportPage')).ImportPage)} />
    </>
  );
}
