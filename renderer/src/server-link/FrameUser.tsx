// Who works now, in the app bar: the logged-in server user with «Выйти» when the workstation is
// connected to a server; «Рабочее место» when it works without one.
import LogoutIcon from '@mui/icons-material/Logout';
import PersonIcon from '@mui/icons-material/Person';
import { Box, Button, Chip, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/api.js';
import { WorkstationButton } from '../app/Workstation.js';
import { t } from '../i18n/ru.js';
import { SERVER_LINK_KEY } from './ServerLinkGate.js';

const F = t.serverLink.frame;

export function FrameUser({ workstationCode }: { workstationCode?: string | undefined }) {
  const link = useQuery({ queryKey: SERVER_LINK_KEY, queryFn: () => api.serverLinkState({}) });
  const logOut = useMutation({ mutationFn: () => api.logOut({}) });
  if (!link.data) return null;
  if (link.data.mode !== 'server' || !link.data.user) return <WorkstationButton workstationCode={workstationCode} />;
  const { user, offline } = link.data;
  const who = F.who(user.displayName, t.lifecycle.roles[user.role], user.district);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, ml: 1, flexShrink: 0 }}>
      {offline && <Chip size="small" color="warning" label={F.offline} title={F.offlineTitle} aria-label={F.offlineTitle} />}
      <PersonIcon fontSize="small" aria-hidden />
      <Typography component="span" sx={{ fontSize: 13, whiteSpace: 'nowrap' }} title={workstationCode ? `${who} · ${t.app.workstation} ${workstationCode}` : who} aria-label={who}>
        {user.displayName}
        <Typography component="span" sx={{ fontSize: 12, opacity: 0.8, ml: 1, display: { xs: 'none', lg: 'inline' } }}>
          {F.who('', t.lifecycle.roles[user.role], user.district)}
        </Typography>
      </Typography>
      <Button color="inherit" size="small" startIcon={<LogoutIcon />} disabled={logOut.isPending} onClick={() => logOut.mutate()} sx={{ textTransform: 'none', fontSize: 13 }}>
        {F.logout}
      </Button>
    </Box>
  );
}
