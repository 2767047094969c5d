import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { LoginPage } from '../features/auth/components/LoginPage';
import { InboxPage } from '../features/tickets/components/InboxPage';
import { PageLoader } from '../lib/ui/PageLoader';
import { AppLayout } from './layout/AppLayout';
import { PublicLayout } from './layout/PublicLayout';
import { HomeRedirect } from './routes/HomeRedirect';
import { NotFoundPage } from './routes/NotFoundPage';
import { RequireAuth } from './routes/RequireAuth';
import { RequireSettingsAccess } from './routes/RequireSettingsAccess';
import { RouteError } from './routes/RouteError';
import { AdminOnlyRoute } from './routes/AdminOnlyRoute';
import { HeadsOnlyRoute } from './routes/HeadsOnlyRoute';
import { ChannelsSettingsRoute } from './routes/ChannelsSettingsRoute';
import { SettingsLayoutRoute } from './routes/SettingsLayoutRoute';
import { SlaSettingsRoute } from './routes/SlaSettingsRoute';
import { MyHoursRoute } from './routes/MyHoursRoute';

// Loaded on demand: the login page and the inbox stay light.
const TicketPage = lazy(() =>
  import('../features/tickets/components/TicketPage').then((module) => ({ default: module.TicketPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/DashboardPage').then((module) => ({
    default: module.DashboardPage,
  })),
);
const CalendarIndexPage = lazy(() =>
  import('../features/settings/components/CalendarIndexPage').then((module) => ({
    default: module.CalendarIndexPage,
  })),
);
// The public contact form: citizens arriving from the town's website download only what it needs.
const ContactPage = lazy(() =>
  import('../features/contact/components/ContactPage').then((module) => ({ default: module.ContactPage })),
);
const RoutingPage = lazy(() =>
  import('../features/settings/components/RoutingPage').then((module) => ({ default: module.RoutingPage })),
);
const ServicesAdminPage = lazy(() =>
  import('../features/settings/components/ServicesAdminPage').then((module) => ({
    default: module.ServicesAdminPage,
  })),
);
const AnswersPage = lazy(() =>
  import('../features/answers/components/AnswersPage').then((module) => ({ default: module.AnswersPage })),
);
const NewAnswerPage = lazy(() =>
  import('../features/answers/components/NewAnswerPage').then((module) => ({
    default: module.NewAnswerPage,
  })),
);
const AnswerPage = lazy(() =>
  import('../features/answers/components/AnswerPage').then((module) => ({ default: module.AnswerPage })),
);
const ContactsPage = lazy(() =>
  import('../features/contacts/components/ContactPage').then((module) => ({ default: module.ContactPage })),
);
const ApprovalsPage = lazy(() =>
  import('../features/approvals/components/ApprovalsPage').then((module) => ({
    default: module.ApprovalsPage,
  })),
);
const ApprovalPolicyPage = lazy(() =>
  import('../features/settings/components/ApprovalPolicyPage').then((module) => ({
    default: module.ApprovalPolicyPage,
  })),
);
const PersonHoursPage = lazy(() =>
  import('../features/settings/components/PersonHoursPage').then((module) => ({
    default: module.PersonHoursPage,
  })),
);
const CalendarPage = lazy(() =>
  import('../features/settings/components/CalendarPage').then((module) => ({ default: module.CalendarPage })),
);

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/contact',
        element: (
          <Suspense fallback={<PageLoader />}>
            <ContactPage />
          </Suspense>
        ),
      },
    ],
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
          { path: 'contacts/:id', element: <ContactsPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'answers', element: <AnswersPage /> },
          { path: 'answers/new', element: <NewAnswerPage /> },
          { path: 'answers/:id', element: <AnswerPage /> },
          { path: 'my-hours', element: <MyHoursRoute /> },
          {
            path: 'approvals',
            element: (
              <HeadsOnlyRoute>
                <ApprovalsPage />
              </HeadsOnlyRoute>
            ),
          },
          {
            path: 'settings',
            element: <RequireSettingsAccess />,
            children: [
              {
                element: <SettingsLayoutRoute />,
                children: [
                  { index: true, element: <Navigate to="/settings/services" replace /> },
                  { path: 'services', element: <CalendarIndexPage /> },
                  { path: 'services/:id/calendar', element: <CalendarPage /> },
                  { path: 'sla', element: <SlaSettingsRoute /> },
                  { path: 'channels', element: <ChannelsSettingsRoute /> },
                  {
                    path: 'teams',
                    element: (
                      <AdminOnlyRoute>
                        <ServicesAdminPage />
                      </AdminOnlyRoute>
                    ),
                  },
                  {
                    path: 'teams/people/:id/hours',
                    element: (
                      <AdminOnlyRoute>
                        <PersonHoursPage />
                      </AdminOnlyRoute>
                    ),
                  },
                  {
                    path: 'approval',
                    element: (
                      <AdminOnlyRoute>
                        <ApprovalPolicyPage />
                      </AdminOnlyRoute>
                    ),
                  },
                  {
                    path: 'routing',
                    element: (
                      <AdminOnlyRoute>
                        <RoutingPage />
                      </AdminOnlyRoute>
                    ),
                  },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
