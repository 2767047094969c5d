import { Container } from '@mantine/core';
import { Suspense, useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { SlaAlerts } from '../../features/notifications/components/SlaAlerts';
import { TicketAssignedAlerts } from '../../features/notifications/components/TicketAssignedAlerts';
import { PageLoader } from '../../lib/ui/PageLoader';
import { Header } from './Header';
import classes from './layout.module.css';
import { RealtimeNotice } from './RealtimeNotice';
import { ShortcutsHelp } from './ShortcutsHelp';

export function AppLayout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // After a client-side navigation, start screen readers and keyboard users at the new page's content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <>
      <a href="#main" className={classes.skipLink} onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <Header />
      <RealtimeNotice />
      <SlaAlerts />
      <TicketAssignedAlerts />
      <ShortcutsHelp />
      <Container
        size="xl"
        py="lg"
        component="main"
        id="main"
        tabIndex={-1}
        ref={mainRef}
        className={classes.main}
      >
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Container>
    </>
  );
}
