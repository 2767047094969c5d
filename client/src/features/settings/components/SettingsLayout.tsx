import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import classes from './SettingsLayout.module.css';

/** The settings sections, one page each. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const sections = [
    { to: '/settings/services', label: t('settings.calendarsNav') },
    { to: '/settings/sla', label: t('settings.slaNav') },
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
