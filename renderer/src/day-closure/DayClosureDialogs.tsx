// The dialogs of «Закрыть день»: carry the chosen appeals over (a reason, a new control date —
// the next working day unless changed; Ctrl+Enter), sign the day (the figures recorded, a comment),
// and the Department's return of a signed day (a reason). A refusal shows the core's Russian message.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DayClosureView } from '../../../shared/contract/day-closure-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { CARRY_OVER_REASON_MAX, RETURN_REASON_MAX, SIGN_COMMENT_MAX } from '../../../shared/reports/day-closure.js';
import { formatRuDate, summaryDay } from '../../../shared/reports/summary-day.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

const D = t.dayClosure;

function ruDate(date: string): string {
  const day = summaryDay(date);
  return day ? formatRuDate(day) : date;
}

function useRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['appeals'] });
}

/** Ctrl+Enter submits, as in the other dialogs. */
function onCtrlEnter(submit: () => void) {
  return (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
}

export function CarryOverDialog({
  day,
  appealIds,
  defaultControlDate,
  onClose,
}: {
  day: string;
  appealIds: string[];
  defaultControlDate: string;
  onClose: (done: boolean) => void;
}) {
  const [reason, setReason] = useState('');
  const [controlDate, setControlDate] = useState(defaultControlDate);
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: () => api.carryOver({ appealIds, day, reason, controlDate }),
    onSuccess: async () => {
      await refresh();
      onClose(true);
    },
  });
  const submit = () => {
    if (!mutation.isPending) mutation.mutate();
  };
  return (
    <Dialog open onClose={() => onClose(false)} fullWidth maxWidth="sm" onKeyDown={onCtrlEnter(submit)}>
      <DialogTitle>{D.carryDialog.title(appealIds.length)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={D.carryDialog.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            multiline
            minRows={2}
            autoFocus
            slotProps={{ htmlInput: { maxLength: CARRY_OVER_REASON_MAX, 'data-testid': 'carry-reason' } }}
          />
          <TextField
            type="date"
            label={D.carryDialog.controlDate}
            value={controlDate}
            onChange={(e) => setControlDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: day, 'data-testid': 'carry-control-date' } }}
          />
          <Typography color="text.disabled" sx={{ fontSize: 12 }}>
            {D.carryDialog.hint}
          </Typography>
          {mutation.isError && (
            <Alert severity="error" data-testid="carry-error">
              {mutation.error.message}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{D.carryDialog.cancel}</Button>
        <Button variant="contained" onClick={submit} disabled={mutation.isPending} data-testid="carry-submit">
          {D.carryDialog.submit}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function SignDayDialog({ view, onClose }: { view: DayClosureView; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: () => api.signDay({ day: view.day, comment }),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const submit = () => {
    if (!mutation.isPending) mutation.mutate();
  };
  const f = view.figuresNow;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" onKeyDown={onCtrlEnter(submit)}>
      <DialogTitle>{D.signDialog.title(ruDate(view.day))}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 1 }}>
          <Typography>{D.signDialog.intro}</Typography>
          <Typography data-testid="sign-figures">
            {`${D.figures.received}: ${f.received} · ${D.figures.closed}: ${f.closed} · ${D.figures.open}: ${f.open} · ${D.figures.overdue}: ${f.overdue}`}
          </Typography>
          <Typography>{D.signDialog.carried(view.carriedOver)}</Typography>
          <TextField
            label={D.signDialog.comment}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            multiline
            minRows={2}
            autoFocus
            slotProps={{ htmlInput: { maxLength: SIGN_COMMENT_MAX, 'data-testid': 'sign-comment' } }}
          />
          {mutation.isError && (
            <Alert severity="error" data-testid="sign-error">
              {mutation.error.message}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{D.signDialog.cancel}</Button>
        <Button variant="contained" onClick={submit} disabled={mutation.isPending} data-testid="sign-submit">
          {D.signDialog.submit}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function ReturnDayDialog({ district, day, onClose }: { district: District; day: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: () => api.returnDay({ district, day, reason }),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const submit = () => {
    if (!mutation.isPending) mutation.mutate();
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" onKeyDown={onCtrlEnter(submit)}>
      <DialogTitle>{D.returnDialog.title(district, ruDate(day))}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={D.returnDialog.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            multiline
            minRows={2}
            autoFocus
            slotProps={{ htmlInput: { maxLength: RETURN_REASON_MAX, 'data-testid': 'return-reason' } }}
          />
          {mutation.isError && (
            <Alert severity="error" data-testid="return-error">
              {mutation.error.message}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{D.returnDialog.cancel}</Button>
        <Button variant="contained" color="warning" onClick={submit} disabled={mutation.isPending} data-testid="return-submit">
          {D.returnDialog.submit}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
