import { Container, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './layout.module.css';

/** The frame of pages reached without a session: the name of the app and the language switch. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <>
      <header className={classes.header}>
        <Container size="xl" py="sm">
          <Group justify="space-between">
            <span className={classes.brand}>{t('app.name')}</span>
            <LanguageSwitch />
          </Group>
        </Container>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
