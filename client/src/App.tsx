import type { ComponentType } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { practicesUiRoutes } from './practices/editor/routes';
import { lazyPage } from './components/lazyPage';
import { pageLoaders, pageRoutes, type PageName } from './routes';

// each page module exports its component under the page's name
const pages = Object.fromEntries(Object.entries(pageLoaders).map(([name, load]) => [name, lazyPage(load as () => Promise<Record<string, ComponentType>>, name)])) as unknown as Record<PageName, ComponentType>;
const { HomePage, NotFoundPage } = pages;

/** Route table (routes.ts). Providers (router, auth) are set up by main.tsx — and by tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        {pageRoutes.map(([path, name]) => {
          const Page = pages[name];
          return <Route key={path} path={path} element={<Page />} />;
        })}
        {practicesUiRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export default AppRoutes;
