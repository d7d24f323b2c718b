/**
 * Every page's chunk, by component name. App.tsx makes them lazy pages; main.tsx starts the current
 * page's download at once, beside the language's strings, instead of after the first render.
 */
export const pageLoaders = {
  BrokeringPage: () => import('./pages/BrokeringPage'),
  CitiesPage: () => import('./pages/CitiesPage'),
  CityDetailPage: () => import('./pages/CityDetailPage'),
  CityEditPage: () => import('./join/CityEditPage'),
  HomePage: () => import('./pages/HomePage'),
  JoinCityPage: () => import('./join/JoinCityPage'),
  JoinRequestsPage: () => import('./join/JoinRequestsPage'),
  ManagePage: () => import('./networks/ManagePage'),
  NetworkDetailPage: () => import('./networks/NetworkDetailPage'),
  NetworksPage: () => import('./networks/NetworksPage'),
  NewCityPage: () => import('./join/NewCityPage'),
  NotFoundPage: () => import('./pages/NotFoundPage'),
  NotificationPreferencesPage: () => import('./pages/NotificationPreferencesPage'),
  NotificationsPage: () => import('./pages/NotificationsPage'),
  PracticeDetailPage: () => import('./pages/PracticeDetailPage'),
  PracticesPage: () => import('./pages/PracticesPage'),
  ProfilePage: () => import('./pages/ProfilePage'),
  RegisterPage: () => import('./pages/RegisterPage'),
  RouteDetailPage: () => import('./pages/RouteDetailPage'),
  RoutesPage: () => import('./pages/RoutesPage'),
  SignInPage: () => import('./pages/SignInPage'),
  TaxonomyPage: () => import('./pages/TaxonomyPage'),
  ThreadPage: () => import('./pages/ThreadPage'),
  ThreadsPage: () => import('./pages/ThreadsPage'),
  TwinningPage: () => import('./pages/TwinningPage'),
  TwinningsPage: () => import('./pages/TwinningsPage'),
  UnsubscribePage: () => import('./pages/UnsubscribePage'),
};

export type PageName = keyof typeof pageLoaders;

/** The route table (react-router paths under the layout); the editor's own routes are in practices/editor/routes.tsx. */
export const pageRoutes: [path: string, page: PageName][] = [
  ['taxonomy', 'TaxonomyPage'],
  ['routes', 'RoutesPage'],
  ['routes/:slug', 'RouteDetailPage'],
  ['cities', 'CitiesPage'],
  ['cities/:id', 'CityDetailPage'],
  ['cities/new', 'NewCityPage'],
  ['cities/:id/edit', 'CityEditPage'],
  ['join', 'JoinCityPage'],
  ['join-requests', 'JoinRequestsPage'],
  ['practices', 'PracticesPage'],
  ['practices/:id', 'PracticeDetailPage'],
  ['signin', 'SignInPage'],
  ['register', 'RegisterPage'],
  ['me', 'ProfilePage'],
  ['notifications', 'NotificationsPage'],
  ['settings/notifications', 'NotificationPreferencesPage'],
  ['unsubscribe', 'UnsubscribePage'],
  ['threads', 'ThreadsPage'],
  ['threads/:id', 'ThreadPage'],
  ['twinnings', 'TwinningsPage'],
  ['twinnings/:id', 'TwinningPage'],
  ['networks/:id/brokering', 'BrokeringPage'],
  ['networks', 'NetworksPage'],
  ['networks/:slug', 'NetworkDetailPage'],
  ['manage', 'ManagePage'],
];
