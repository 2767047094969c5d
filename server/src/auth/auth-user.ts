import type { Role } from '@guichet/shared';

/** The authenticated person behind a request or a socket, loaded fresh from the database. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  serviceIds: string[];
  /** The services this person heads (their membership's role there is service_head). */
  headOfServiceIds: string[];
  /** The login session the request came with (null before a session exists, during login). */
  sessionId: string | null;
}

/** Admins see every service; everyone else only the services they belong to. */
export function canAccessService(user: AuthUser, serviceId: string): boolean {
  return user.role === 'admin' || user.serviceIds.includes(serviceId);
}

/** Administrators, and the head of the service. */
export function headsService(user: AuthUser, serviceId: string): boolean {
  return user.role === 'admin' || user.headOfServiceIds.includes(serviceId);
}
