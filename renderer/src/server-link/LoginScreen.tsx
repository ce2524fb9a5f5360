// «Вход»: the workstation is connected to a server and nobody is logged in. Says beforehand whether
// the login will be made without the server (it is checked every few seconds).
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';
import { LinkCard, LinkField, showRefusal } from './link-form.js';

const L = t.serverLink.login;
const R = t.serverLink.required;
const CHECK_EVERY_MS = 10_000;

interface Values {
  login: string;
  password: string;
}
const FIELDS = ['login', 'password'] as const;

export function LoginScreen({ serverUrl, deviceRevoked, onLoggedIn }: { serverUrl: string; deviceRevoked: boolean; onLoggedIn: (notice: string | null) => void }) {
  const { control, handleSubmit, setError, formState } = useForm<Values>({ defaultValues: { login: '', password: '' } });
  const check = useQuery({ queryKey: ['serverLink', 'check'], queryFn: () => api.checkServer({}), refetchInterval: CHECK_EVERY_MS, staleTime: 0 });
  const logIn = useMutation({
    mutationFn: (v: Values) => api.logIn(v),
    onSuccess: (result) => onLoggedIn(result.notice),
    onError: (error) => showRefusal(error, FIELDS, setError),
  });
  const offline = check.data?.reachable === false;
  const E = formState.errors;
  return (
    <LinkCard title={L.title} titleId="login-title">
      <form noValidate onSubmit={(e) => void handleSubmit((v) => logIn.mutate(v))(e)}>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {L.server(serverUrl)}
          </Typography>
          {deviceRevoked && <Alert severity="error">{L.revoked}</Alert>}
          {!check.data && <Alert severity="info">{L.checking}</Alert>}
          {check.data?.reachable === true && <Alert severity="success">{L.online}</Alert>}
          {offline && <Alert severity="warning">{L.offline}</Alert>}
          {E.root && <Alert severity="error">{E.root.message}</Alert>}
          <LinkField control={control} name="login" label={L.login} required={R.login} error={E.login?.message} field={{ autoFocus: true, autoComplete: 'username', slotProps: { htmlInput: { spellCheck: false } } }} />
          <LinkField control={control} name="password" label={L.password} required={R.password} error={E.password?.message} field={{ type: 'password', autoComplete: 'current-password' }} />
          <Button type="submit" variant="contained" size="large" disabled={logIn.isPending}>
            {logIn.isPending ? L.submitting : offline ? L.submitOffline : L.submit}
          </Button>
        </Stack>
      </form>
    </LinkCard>
  );
}
