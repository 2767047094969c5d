import { createTheme, Notification, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A deep, institutional blue; shade 7 keeps white text at 7.5:1 on filled buttons.
const guichet: MantineColorsTuple = [
  '#eef3fb',
  '#d6e2f3',
  '#abc3e6',
  '#7fa2d8',
  '#5a86cc',
  '#426fc0',
  '#3461b3',
  '#28529e',
  '#1f4589',
  '#15356f',
];

export const theme = createTheme({
  colors: { guichet },
  primaryColor: 'guichet',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  respectReducedMotion: true,
  headings: { fontWeight: '700' },
  components: {
    // The default description grey (gray.6) is 3.3:1 on white.
    Notification: Notification.extend({ styles: { description: { color: 'var(--mantine-color-text)' } } }),
    // Mantine renders a modal's header as <header>, a second "banner" landmark next to the page's own.
    ModalHeader: { defaultProps: { component: 'div' } },
  },
});

// Mantine's default "dimmed" grey (gray.6, 3.3:1) and error red (red.6, 3.3:1) are too pale for WCAG AA text.
export const cssVariablesResolver: CSSVariablesResolver = (current) => ({
  variables: {},
  light: { '--mantine-color-dimmed': current.colors.gray[7], '--mantine-color-error': current.colors.red[9] },
  dark: {},
});
