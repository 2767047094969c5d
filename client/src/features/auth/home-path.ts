import type { Me } from '@guichet/shared';

/** Where a user lands after login: elected officials read the dashboard, everyone else works the inbox. */
export function homePathFor(me: Pick<Me, 'role'>): string {
  return me.role === 'elected' ? '/dashboard' : '/inbox';
}

/** May this user be sent back to `path` after logging in? Elected officials never see tickets. */
export function canReturnTo(me: Pick<Me, 'role'>, path: string): boolean {
  if (path === '/' || path.startsWith('/login')) return false;
  return me.role !== 'elected' || path.startsWith('/dashboard');
}
