import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { CitiesPage } from './pages/CitiesPage';
import { CityDetailPage } from './pages/CityDetailPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationPreferencesPage } from './pages/NotificationPreferencesPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { PracticeDetailPage } from './pages/PracticeDetailPage';
import { PracticesPage } from './pages/PracticesPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { RouteDetailPage } from './pages/RouteDetailPage';
import { RoutesPage } from './pages/RoutesPage';
import { SignInPage } from './pages/SignInPage';
import { TaxonomyPage } from './pages/TaxonomyPage';
import { UnsubscribePage } from './pages/UnsubscribePage';
import { ThreadPage } from './pages/ThreadPage';
import { ThreadsPage } from './pages/ThreadsPage';
import { BrokeringPage } from './pages/BrokeringPage';
import { TwinningPage } from './pages/TwinningPage';
import { TwinningsPage } from './pages/TwinningsPage';
import { CityEditPage } from './join/CityEditPage';
import { JoinCityPage } from './join/JoinCityPage';
import { JoinRequestsPage } from './join/JoinRequestsPage';
import { NewCityPage } from './join/NewCityPage';
import { practicesUiRoutes } from './practices/editor/routes';
import { ManagePage } from './networks/ManagePage';
import { NetworkDetailPage } from './networks/NetworkDetailPage';
import { NetworksPage } from './networks/NetworksPage';

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
