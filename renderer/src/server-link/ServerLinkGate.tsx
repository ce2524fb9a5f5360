// Shows the app only once the workstation knows who works at it: the first-run screen until a
// server or standalone is chosen, the login screen while connected and nobody is logged in. A change
// of the link (here, in another window, a session ended by the server) refetches everything, since
// the acting user decides what every screen shows.
import { Alert, Snackbar } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';
import { FirstRunScreen } from './FirstRunScreen.js';
import { LoginScreen } from './LoginScreen.js';

export const SERVER_LINK_KEY = ['serverLink'] as const;

export function ServerLinkGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const link = useQuery({ queryKey: SERVER_LINK_KEY, queryFn: () => api.serverLinkState({}) });
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(
    () =>
      api.onChange((event) => {
        if (event.entity === 'serverLink') void queryClient.invalidateQueries();
      }),
    [queryClient],
  );
  const changed = () => void queryClient.invalidateQueries();

  if (link.isError) return <Alert severity="error">{t.errors.offline}</Alert>;
  if (!link.data) return null;
  const state = link.data;
  if (state.mode === 'unset') return <FirstRunScreen onChanged={changed} />;
  if (state.mode === 'server' && !state.user) {
    return (
      <LoginScreen
        serverUrl={state.serverUrl}
        deviceRevoked={state.deviceRevoked}
        onLoggedIn={(text) => {
          setNotice(text);
          changed();
        }}
      />
    );
  }
  return (
    <>
      {children}
      <Snackbar className="no-print" open={notice !== null} autoHideDuration={12_000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
        <Alert severity="warning" variant="filled" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      </Snackbar>
    </>
  );
}
