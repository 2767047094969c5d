import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import classes from './SettingsLayout.module.css';

interface SettingsLayoutProps {
  /** Services, routing and connected accounts are the administrators' alone (the server answers 403 to others). */
  isAdmin: boolean;
}

/** The settings sections, one page each. */
export function SettingsLayout({ isAdmin }: SettingsLayoutProps) {
  const { t } = useTranslation();
  const sections = [
    ...(isAdmin ? [{ to: '/settings/teams', label: t('settings.teamsNav') }] : []),
    { to: '/settings/services', label: t('settings.calendarsNav') },
    { to: '/settings/sla', label: t('settings.slaNav') },
    ...(isAdmin
      ? [
          { to: '/settings/routing', label: t('settings.routingNav') },
          { to: '/settings/approval', label: t('settings.approvalNav') },
          { to: '/settings/channels', label: t('settings.channelsNav') },
        ]
      : []),
  ];
  return (
    <Stack gap="lg">
      <nav aria-label={t('settings.navLabel')}>
        <ul className={classes.tabs}>
          {sections.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} className={classes.tab}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </Stack>
  );
}
