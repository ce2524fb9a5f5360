// Who acts now, for what the frame shows: the logged-in server user when the workstation is
// connected, otherwise the user stated in «Рабочее место» (the core decides the same way).
import { useQuery } from '@tanstack/react-query';
import type { District } from '../../../shared/domain/districts.js';
import type { Role } from '../../../shared/domain/roles.js';
import { api } from '../api/api.js';
import { SERVER_LINK_KEY } from '../server-link/ServerLinkGate.js';

export function useActingUser(): { role: Role; district: District | null } | undefined {
  const link = useQuery({ queryKey: SERVER_LINK_KEY, queryFn: () => api.serverLinkState({}) });
  const user = useQuery({ queryKey: ['appeals', 'workstation-user'], queryFn: () => api.getWorkstationUser({}) });
  if (link.data?.mode === 'server' && link.data.user) return { role: link.data.user.role, district: link.data.user.district };
  return user.data ? { role: user.data.role, district: user.data.district } : undefined;
}

/** «Итоги дня» is for those who answer for the day: the deputy head, the district controller, the Department, the admin. */
export const SUMMARY_ROLES: readonly Role[] = ['deputy_head', 'district_controller', 'department', 'admin'];
