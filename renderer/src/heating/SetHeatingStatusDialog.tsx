// Setting one building's heating status by hand (the address card, the list without heat): status,
// the Samara date it holds from (today unless changed), the reason — required for «проблема».
// Enter in a field or Ctrl+Enter saves; the core's refusal is shown as it says it.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { samaraDate } from '../../../shared/domain/samara-time.js';
import { HEATING_STATUSES, type HeatingStatus } from '../../../shared/heating/heating-status.js';
import { api } from '../api/api.js';
import { submitOnCtrlEnter } from '../app/form-fields.js';
import { t } from '../i18n/ru.js';

export interface SetHeatingStatusDialogProps {
  readonly buildingId: string;
  readonly address: string;
  readonly initial: HeatingStatus | null;
  readonly onClose: () => void;
}

export function SetHeatingStatusDialog({ buildingId, address, initial, onClose }: SetHeatingStatusDialogProps) {
  const [today] = useState(() => samaraDate(Date.now()));
  const [status, setStatus] = useState<HeatingStatus>(initial ?? 'connected');
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => api.setHeatingStatus({ buildingId, status, date, reason }),
    onSuccess: onClose,
  });
  const submit = () => {
    if (!save.isPending) save.mutate();
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" onKeyDown={submitOnCtrlEnter(submit)}>
      <DialogTitle>{t.heating.set.title(address)}</DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          spacing={2}
          sx={{ pt: 1 }}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <TextField select autoFocus label={t.heating.set.status} value={status} onChange={(e) => setStatus(e.target.value as HeatingStatus)}>
            {HEATING_STATUSES.map((s) => (
              <MenuItem key={s} value={s}>
                {t.heating.statuses[s]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="date"
            label={t.heating.set.date}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
          />
          <TextField
            label={t.heating.set.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required={status === 'problem'}
            helperText={status === 'problem' ? t.heating.set.reasonRequired : ' '}
            multiline
            minRows={2}
          />
          {save.isError && <Alert severity="error">{save.error.message}</Alert>}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.heating.set.cancel}</Button>
        <Button variant="contained" onClick={submit} disabled={save.isPending}>
          {t.heating.set.save}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
