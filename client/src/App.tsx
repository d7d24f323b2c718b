import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { practicesUiRoutes } from './practices/editor/routes';
import { lazyPage } from './components/lazyPage';
const CitiesPage = lazyPage(() => import('./pages/CitiesPage'), 'CitiesPage');
const CityDetailPage = lazyPage(() => import('./pages/CityDetailPage'), 'CityDetailPage');
const HomePage = lazyPage(() => import('./pages/HomePage'), 'HomePage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const NotificationPreferencesPage = lazyPage(() => import('./pages/NotificationPreferencesPage'), 'NotificationPreferencesPage');
const NotificationsPage = lazyPage(() => import('./pages/NotificationsPage'), 'NotificationsPage');
const PracticeDetailPage = lazyPage(() => import('./pages/PracticeDetailPage'), 'PracticeDetailPage');
const PracticesPage = lazyPage(() => import('./pages/PracticesPage'), 'PracticesPage');
const ProfilePage = lazyPage(() => import('./pages/ProfilePage'), 'ProfilePage');
const RegisterPage = lazyPage(() => import('./pages/RegisterPage'), 'RegisterPage');
const RouteDetailPage = lazyPage(() => import('./pages/RouteDetailPage'), 'RouteDetailPage');
const RoutesPage = lazyPage(() => import('./pages/RoutesPage'), 'RoutesPage');
const SignInPage = lazyPage(() => import('./pages/SignInPage'), 'SignInPage');
const TaxonomyPage = lazyPage(() => import('./pages/TaxonomyPage'), 'TaxonomyPage');
const UnsubscribePage = lazyPage(() => import('./pages/UnsubscribePage'), 'UnsubscribePage');
const ThreadPage = lazyPage(() => import('./pages/ThreadPage'), 'ThreadPage');
const ThreadsPage = lazyPage(() => import('./pages/ThreadsPage'), 'ThreadsPage');
const BrokeringPage = lazyPage(() => import('./pages/BrokeringPage'), 'BrokeringPage');
const TwinningPage = lazyPage(() => import('./pages/TwinningPage'), 'TwinningPage');
const TwinningsPage = lazyPage(() => import('./pages/TwinningsPage'), 'TwinningsPage');
const CityEditPage = lazyPage(() => import('./join/CityEditPage'), 'CityEditPage');
const JoinCityPage = lazyPage(() => import('./join/JoinCityPage'), 'JoinCityPage');
const JoinRequestsPage = lazyPage(() => import('./join/JoinRequestsPage'), 'JoinRequestsPage');
const NewCityPage = lazyPage(() => import('./join/NewCityPage'), 'NewCityPage');
const ManagePage = lazyPage(() => import('./networks/ManagePage'), 'ManagePage');
const NetworkDetailPage = lazyPage(() => import('./networks/NetworkDetailPage'), 'NetworkDetailPage');
const NetworksPage = lazyPage(() => import('./networks/NetworksPage'), 'NetworksPage');

/** Route table. Providers (router, auth) are set up by main.tsx — and by tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="taxonomy" element={<TaxonomyPage />} />
        <Route path="routes" element={<RoutesPage />} />
        <Route path="routes/:slug" element={<RouteDetailPage />} />
        <Route path="cities" element={<CitiesPage />} />
        <Route path="cities/:id" element={<CityDetailPage />} />
        <Route path="cities/new" element={<NewCityPage />} />
        <Route path="cities/:id/edit" element={<CityEditPage />} />
        <Route path="join" element={<JoinCityPage />} />
        <Route path="join-requests" element={<JoinRequestsPage />} />
        <Route path="practices" element={<PracticesPage />} />
        <Route path="practices/:id" element={<PracticeDetailPage />} />
        <Route path="signin" element={<SignInPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="me" element={<ProfilePage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="settings/notifications" element={<NotificationPreferencesPage />} />
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route path="threads" element={<ThreadsPage />} />
        <Route path="threads/:id" element={<ThreadPage />} />
        <Route path="twinnings" element={<TwinningsPage />} />
        <Route path="twinnings/:id" element={<TwinningPage />} />
        <Route path="networks/:id/brokering" element={<BrokeringPage />} />
        {practicesUiRoutes()}
        <Route path="networks" element={<NetworksPage />} />
        <Route path="networks/:slug" element={<NetworkDetailPage />} />
        <Route path="manage" element={<ManagePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export default AppRoutes;
