// «Рабочее место»: who works at this computer (name, role, district). Reached from the app frame;
// asked for on first run, i.e. while the user stated is incomplete (a district role without a
// district — what the core assumes before anyone has filled it in).
import BadgeIcon from '@mui/icons-material/Badge';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { ApiError } from '../../../shared/contract/errors.js';
import type { WorkstationUser } from '../../../shared/contract/workstation-schemas.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { isCityWide, ROLES, type Role } from '../../../shared/domain/roles.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

const W = t.lifecycle.workstation;

interface Values {
  name: string;
  role: Role;
  district: District | '';
}

function WorkstationDialog({ user, firstRun, onClose }: { user: WorkstationUser; firstRun: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { control, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { name: user.name, role: user.role, district: user.district ?? '' },
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => api.setWorkstationUser({ name: v.name, role: v.role, district: v.district === '' ? null : v.district }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.issues.length > 0) {
        for (const issue of error.issues) {
          const field = issue.path === 'name' || issue.path === 'role' || issue.path === 'district' ? issue.path : 'root';
          setError(field, { type: 'server', message: issue.message });
        }
      } else setError('root', { type: 'server', message: error instanceof Error ? error.message : String(error) });
    },
  });
  const submit = handleSubmit((v) => mutation.mutate(v));
  const E = formState.errors;
  return (
    <Dialog open onClose={firstRun ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby="workstation-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="workstation-title">{W.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {firstRun && <Alert severity="info">{W.firstRun}</Alert>}
            {E.root && <Alert severity="error">{E.root.message}</Alert>}
            <Controller
              name="name"
              control={control}
              rules={{ validate: (v) => v.trim() !== '' || 'Укажите имя' }}
              render={({ field }) => <TextField {...field} autoFocus label={W.name} error={Boolean(E.name)} helperText={E.name?.message} />}
            />
            <Controller
              name="role"
              control={control}
              render={({ field }) => (
                <TextField {...field} select label={W.role}>
                  {ROLES.map((r) => (
                    <MenuItem key={r} value={r}>
                      {t.lifecycle.roles[r]}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
            <Controller
              name="district"
              control={control}
              rules={{ validate: (v, all) => isCityWide(all.role) || v !== '' || 'Укажите район' }}
              render={({ field }) => (
                <TextField {...field} select label={W.district} error={Boolean(E.district)} helperText={E.district?.message}>
                  <MenuItem value="">{W.noDistrict}</MenuItem>
                  {DISTRICTS.map((d) => (
                    <MenuItem key={d} value={d}>
                      {d}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          {!firstRun && <Button onClick={onClose}>{t.lifecycle.cancel}</Button>}
          <Button type="submit" variant="contained" disabled={mutation.isPending}>
            {W.save}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * The app bar's button with who works here and the workstation's code; opens «Рабочее место»,
 * by itself on first run.
 */
export function WorkstationButton({ workstationCode }: { workstationCode?: string | undefined }) {
  const user = useQuery({ queryKey: ['workstationUser'], queryFn: () => api.getWorkstationUser({}) });
  const [open, setOpen] = useState(false);
  if (!user.data) return null;
  const incomplete = !isCityWide(user.data.role) && user.data.district === null;
  const who = [t.lifecycle.roles[user.data.role], user.data.district].filter(Boolean).join(', ');
  return (
    <>
      <Button
        color="inherit"
        size="small"
        startIcon={<BadgeIcon />}
        onClick={() => setOpen(true)}
        title={`${W.open}: ${user.data.name} — ${who}`}
        aria-label={`${W.open}: ${user.data.name}, ${who}`}
        sx={{ textTransform: 'none', ml: 1, whiteSpace: 'nowrap', flexShrink: 0, fontSize: 13 }}
      >
        {user.data.name}
        {workstationCode ? ` · ${t.app.workstation} ${workstationCode}` : ''}
      </Button>
      {(open || incomplete) && <WorkstationDialog user={user.data} firstRun={incomplete} onClose={() => setOpen(false)} />}
    </>
  );
}
