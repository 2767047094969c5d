import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoginPage } from '../features/auth/components/LoginPage';
import { InboxPage } from '../features/tickets/components/InboxPage';
import { AppLayout } from './layout/AppLayout';
import { PublicLayout } from './layout/PublicLayout';
import { HomeRedirect } from './routes/HomeRedirect';
import { NotFoundPage } from './routes/NotFoundPage';
import { RequireAuth } from './routes/RequireAuth';
import { RouteError } from './routes/RouteError';

// Loaded on demand: the login page and the inbox stay light.
const TicketPage = lazy(() =>
  import('../features/tickets/components/TicketPage').then((module) => ({ default: module.TicketPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/DashboardPage').then((module) => ({
    default: module.DashboardPage,
  })),
);

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <RouteError />,
    children: [{ path: '/login', element: <LoginPage /> }],
  },
  {
    path: '/',
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'inbox', element: <InboxPage /> },
          { path: 'tickets/:id', element: <TicketPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
