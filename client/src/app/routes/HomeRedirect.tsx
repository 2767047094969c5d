import { Navigate } from 'react-router-dom';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { homePathFor } from '../../features/auth/home-path';

export function HomeRedirect() {
  return <Navigate to={homePathFor(useCurrentUser())} replace />;
}
