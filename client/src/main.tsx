import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, matchRoutes } from 'react-router-dom';
import { i18nReady } from './i18n';
import './styles.css';
import { AppRoutes } from './App';
import { AuthProvider } from './auth/AuthProvider';
import { api } from './api/client';
import { pageLoaders, pageRoutes } from './routes';

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing from index.html');

// The page's chunk downloads beside the language's strings, not after them (a round trip less on a slow
// link); `practices/new` is the editor's, not a practice's page.
const match = matchRoutes([{ path: '/', id: 'HomePage' }, { path: 'practices/new', id: '' }, ...pageRoutes.map(([path, id]) => ({ path, id }))], window.location.pathname)?.at(-1);
const page = match?.route.id ? pageLoaders[match.route.id as keyof typeof pageLoaders]?.() : undefined;

// who is signed in, asked at once too rather than after the first render
const session = api.session();
session.catch(() => undefined); // AuthProvider reports it

void Promise.all([i18nReady, page]).catch((err: unknown) => console.error('Could not load the page', err)).then(() => {
  createRoot(container).render(
    <StrictMode>
      <BrowserRouter>
        <AuthProvider initialSession={session}>
          <AppRoutes />
        </AuthProvider>
      </BrowserRouter>
    </StrictMode>,
  );
});
