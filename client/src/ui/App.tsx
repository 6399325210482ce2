import { lazy, Suspense, type ReactNode } from 'react';
import { matchRoute, useLocation, type Route } from '../state/router.js';
import { ArticleList } from './articles/ArticleList.js';
import { ArticlePage } from './articles/ArticlePage.js';
import { RegisterPage } from './auth/RegisterPage.js';
import { SignInPage } from './auth/SignInPage.js';
import { Layout } from './layout/Layout.js';
import { NotFound } from './layout/NotFound.js';

/** The desk is for moderators only: readers never download it. */
const DeskPage = lazy(() => import('./moderation/DeskPage.js').then((m) => ({ default: m.DeskPage })));
/** The summaries page brings the rich-text editor (TipTap, Yjs): loaded only when visited. */
const SummariesPage = lazy(() => import('./summaries/SummariesPage.js').then((m) => ({ default: m.SummariesPage })));
/** The debate report brings the report's tables and chart: loaded only when visited. */
const ReportPage = lazy(() => import('./debate/ReportPage.js').then((m) => ({ default: m.ReportPage })));
/** Profiles (issue 15): loaded when first visited. */
const ProfilePage = lazy(() => import('./profile/ProfilePage.js').then((m) => ({ default: m.ProfilePage })));
/** Notification settings (issue 15): loaded when first visited. */
const NotificationSettingsPage = lazy(() =>
  import('./notifications/NotificationSettingsPage.js').then((m) => ({ default: m.NotificationSettingsPage })),
);
/** Account recovery and the admin's user page (issue 15): loaded when first visited. */
const ForgotPasswordPage = lazy(() =>
  import('./auth/ForgotPasswordPage.js').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./auth/ResetPasswordPage.js').then((m) => ({ default: m.ResetPasswordPage })),
);
const AdminUsersPage = lazy(() => import('./admin/AdminUsersPage.js').then((m) => ({ default: m.AdminUsersPage })));
/** The embed frame (on publishers' pages, docs/EMBED.md): its bridge and theme load only there. */
const EmbedPage = lazy(() => import('./embed/EmbedPage.js').then((m) => ({ default: m.EmbedPage })));

/** A page loaded on demand, with one loading note while it arrives. */
function LazyPage({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <ArticleList />;
    case 'article':
      // Keyed by slug so moving between articles starts each page fresh.
      return <ArticlePage key={route.slug} slug={route.slug} />;
    case 'sign-in':
      return <SignInPage />;
    case 'register':
      return <RegisterPage />;
    case 'moderate':
      return (
        <LazyPage>
          <DeskPage />
        </LazyPage>
      );
    case 'summaries':
      return (
        <LazyPage>
          <SummariesPage key={route.debateId} debateId={route.debateId} />
        </LazyPage>
      );
    case 'debate-report':
      return (
        <LazyPage>
          <ReportPage key={route.debateId} debateId={route.debateId} />
        </LazyPage>
      );
    case 'embed':
      return (
        <LazyPage>
          <EmbedPage key={route.slug} slug={route.slug} view={route.view} />
        </LazyPage>
      );
    case 'profile':
      return (
        <LazyPage>
          <ProfilePage key={route.name} name={route.name} />
        </LazyPage>
      );
    case 'notification-settings':
      return (
        <LazyPage>
          <NotificationSettingsPage />
        </LazyPage>
      );
    case 'forgot-password':
      return (
        <LazyPage>
          <ForgotPasswordPage />
        </LazyPage>
      );
    case 'reset-password':
      return (
        <LazyPage>
          <ResetPasswordPage />
        </LazyPage>
      );
    case 'admin-users':
      return (
        <LazyPage>
          <AdminUsersPage />
        </LazyPage>
      );
    case 'not-found':
      return <NotFound />;
  }
}

/** The whole client: the page for the current path inside the site frame. */
export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  // The embed frame sits inside a publisher's page: no site header or footer around it.
  if (route.page === 'embed') return <Page route={route} />;
  return (
    <Layout>
      <Page route={route} />
    </Layout>
  );
}
