// «Подключение к серверу»: the first screen of a new workstation. Connect (the server's address, a
// login, a password and this workstation's name) or work without a server.
import { Alert, Button, Divider, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';
import { LinkCard, LinkField, showRefusal } from './link-form.js';

const F = t.serverLink.firstRun;
const R = t.serverLink.required;

interface Values {
  serverUrl: string;
  login: string;
  password: string;
  workstationName: string;
}
const FIELDS = ['serverUrl', 'login', 'password', 'workstationName'] as const;

export function FirstRunScreen({ onChanged }: { onChanged: () => void }) {
  const { control, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { serverUrl: '', login: '', password: '', workstationName: '' },
  });
  const connect = useMutation({
    mutationFn: (v: Values) => api.connectToServer(v),
    onSuccess: onChanged,
    onError: (error) => showRefusal(error, FIELDS, setError),
  });
  const standalone = useMutation({
    mutationFn: () => api.chooseStandalone({}),
    onSuccess: onChanged,
    onError: (error) => showRefusal(error, FIELDS, setError),
  });
  const E = formState.errors;
  const busy = connect.isPending || standalone.isPending;
  return (
    <LinkCard title={F.title} titleId="first-run-title">
      <form noValidate onSubmit={(e) => void handleSubmit((v) => connect.mutate(v))(e)}>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {F.intro}
          </Typography>
          {E.root && <Alert severity="error">{E.root.message}</Alert>}
          <LinkField
            control={control}
            name="serverUrl"
            label={F.serverUrl}
            required={R.serverUrl}
            error={E.serverUrl?.message}
            field={{ autoFocus: true, placeholder: F.serverUrlPlaceholder, helperText: F.serverUrlHelp, slotProps: { htmlInput: { inputMode: 'url', spellCheck: false } } }}
          />
          <LinkField control={control} name="login" label={F.login} required={R.login} error={E.login?.message} field={{ autoComplete: 'username', slotProps: { htmlInput: { spellCheck: false } } }} />
          <LinkField control={control} name="password" label={F.password} required={R.password} error={E.password?.message} field={{ type: 'password', autoComplete: 'current-password' }} />
          <LinkField
            control={control}
            name="workstationName"
            label={F.workstationName}
            required={R.workstationName}
            error={E.workstationName?.message}
            field={{ placeholder: F.workstationNamePlaceholder, helperText: F.workstationNameHelp }}
          />
          <Button type="submit" variant="contained" size="large" disabled={busy}>
            {connect.isPending ? F.connecting : F.connect}
          </Button>
          <Divider>{F.or}</Divider>
          <Button variant="outlined" disabled={busy} onClick={() => standalone.mutate()}>
            {F.standalone}
          </Button>
          <Typography variant="caption" color="text.secondary">
            {F.standaloneHelp}
          </Typography>
        </Stack>
      </form>
    </LinkCard>
  );
}
