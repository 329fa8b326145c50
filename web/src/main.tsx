import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { loadDashboard } from './dashboard-loader';
import { lastSessionWasViewer, SessionProvider } from './auth/session';
import { readNonProfilingPreference } from './viewer/useFeedPreference';
import { prefetchHome } from './viewer/useRecommendations';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false },
  },
});

// Only for a browser whose last session was a viewer's: a staff account would be refused (and audited).
if (window.location.pathname === '/' && lastSessionWasViewer()) {
  prefetchHome(queryClient, readNonProfilingPreference());
}
// The dashboard's code (only it: pages and charts load when opened) comes down beside the session check.
if (window.location.pathname.startsWith('/dashboard')) void loadDashboard();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
