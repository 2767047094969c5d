import { Anchor, Button, Container, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router-dom';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { NotificationsMenu } from '../../features/notifications/components/NotificationsMenu';
import { errorMessage } from '../../lib/ui/error-message';
import { canApproveReplies, canOpenSettings } from '../routes/settings-access';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './layout.module.css';

export function Header() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  // Elected officials never see tickets: the inbox is not theirs to open.
  const handlesTickets = me.role !== 'elected';
  // Round-robin deals tickets to agents and heads inside their hours: theirs to set.
  const hasShift = me.role === 'agent' || me.role === 'service_head';
  const links = [
    ...(handlesTickets ? [{ to: '/inbox', label: t('nav.inbox') }] : []),
    ...(handlesTickets ? [{ to: '/answers', label: t('nav.answers') }] : []),
    ...(canApproveReplies(me) ? [{ to: '/approvals', label: t('nav.approvals') }] : []),
    { to: '/dashboard', label: t('nav.dashboard') },
    ...(canOpenSettings(me.role) ? [{ to: '/settings', label: t('nav.settings') }] : []),
  ];

  const handleLogout = () =>
    logout.mutate(undefined, {
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: t('header.logoutFailed'),
          message: errorMessage(error, t),
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
    });

  return (
    <header className={classes.header}>
      <Container size="xl" py="sm">
        <Group justify="space-between" gap="sm">
          <Group gap="lg">
            <Link to="/" className={classes.brand}>
              {t('app.name')}
            </Link>
            <nav aria-label={t('nav.label')}>
              <ul className={classes.navList}>
                {links.map((link) => (
                  <li key={link.to}>
                    <NavLink to={link.to} className={classes.navLink}>
                      {link.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </Group>
          <Group gap="sm">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                <VisuallyHidden>{t('header.signedInAs')} </VisuallyHidden>
                {me.displayName}
              </Text>
              <Text size="sm">{t(`role.${me.role}`)}</Text>
              {hasShift && (
                <Anchor component={NavLink} to="/my-hours" size="sm">
                  {t('header.myHours')}
                </Anchor>
              )}
            </Stack>
            {handlesTickets && <NotificationsMenu />}
            <LanguageSwitch />
            <Button variant="default" size="sm" onClick={handleLogout} loading={logout.isPending}>
              {t('header.logout')}
            </Button>
          </Group>
        </Group>
      </Container>
    </header>
  );
}
