// «Записать звонок» on the card and «Присоединить как повторный звонок» at intake: small forms,
// Russian errors at the fields, Ctrl+Enter saves.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../../shared/contract/errors.js';
import { CALL_DIRECTIONS, CALL_RESULTS, type CallResult } from '../../../shared/contract/lifecycle-schemas.js';
import { CHANNELS, type Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { api } from '../api/api.js';
import { SelectField, submitOnCtrlEnter } from '../app/form-fields.js';
import { t } from '../i18n/ru.js';
import { fromSamaraInput, toSamaraInput } from './ActionDialog.js';

const L = t.lifecycle;

function showError<V extends FieldValues>(error: unknown, setError: UseFormSetError<V>, fields: readonly string[]) {
  if (error instanceof ApiError) {
    let atField = false;
    for (const issue of error.issues) {
      if (fields.includes(issue.path)) {
        setError(issue.path as Path<V>, { type: 'server', message: issue.message });
        atField = true;
      }
    }
    if (!atField) setError('root' as Path<V>, { type: 'server', message: error.message });
  } else setError('root' as Path<V>, { type: 'server', message: error instanceof Error ? error.message : String(error) });
}

interface CallValues {
  direction: (typeof CALL_DIRECTIONS)[number];
  result: CallResult;
  note: string;
  at: string;
}

export function LogCallDialog({ appealId, number, nowMs, onClose }: { appealId: string; number: string; nowMs: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { control, handleSubmit, setError, formState } = useForm<CallValues>({
    defaultValues: { direction: 'to_applicant', result: 'no_answer', note: '', at: toSamaraInput(nowMs) },
  });
  const mutation = useMutation({
    mutationFn: (v: CallValues) => api.logCall({ appealId, direction: v.direction, result: v.result, note: v.note, at: fromSamaraInput(v.at) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['appeal'] });
      onClose();
    },
    onError: (error) => showError(error, setError, ['note', 'at']),
  });
  const submit = handleSubmit((v) => mutation.mutate(v));
  const E = formState.errors;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="call-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)} onKeyDown={submitOnCtrlEnter(() => void submit())}>
        <DialogTitle id="call-dialog-title">
          {L.card.logCall} · № {number}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {E.root && <Alert severity="error">{E.root.message}</Alert>}
            <SelectField control={control} name="direction" label={L.fields.direction} options={CALL_DIRECTIONS} labels={L.callDirections} autoFocus />
            <SelectField control={control} name="result" label={L.fields.result} options={CALL_RESULTS} labels={L.callResults} />
            <Controller
              name="at"
              control={control}
              rules={{ required: L.required.doneAt }}
              render={({ field }) => (
                <TextField
                  {...field}
                  type="datetime-local"
                  label={L.fields.at}
                  slotProps={{ inputLabel: { shrink: true } }}
                  error={Boolean(E.at)}
                  helperText={E.at?.message}
                />
              )}
            />
            <Controller
              name="note"
              control={control}
              render={({ field }) => <TextField {...field} label={L.fields.note} multiline minRows={2} error={Boolean(E.note)} helperText={E.note?.message} />}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Typography variant="caption" color="text.secondary" sx={{ mr: 'auto', ml: 2 }}>
            {L.ctrlEnter}
          </Typography>
          <Button onClick={onClose}>{L.cancel}</Button>
          <Button type="submit" variant="contained" disabled={mutation.isPending}>
            {L.submit}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export interface RepeatedCallPrefill {
  applicantName: string;
  applicantPhone: string;
  flat: string;
  channel: Channel | '';
  note: string;
}

interface RepeatedValues {
  applicantName: string;
  applicantPhone: string;
  flat: string;
  channel: Channel;
  note: string;
}

export function RepeatedCallDialog({
  appealId,
  number,
  prefill,
  onClose,
  onDone,
}: {
  appealId: string;
  number: string;
  prefill: RepeatedCallPrefill;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const { control, handleSubmit, setError, formState } = useForm<RepeatedValues>({
    defaultValues: { ...prefill, channel: prefill.channel || 'district_hotline' },
  });
  const mutation = useMutation({
    mutationFn: (v: RepeatedValues) => api.attachRepeatedCall({ appealId, ...v }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onDone(L.repeatedCall.attached(number));
    },
    onError: (error) => showError(error, setError, ['applicantName', 'applicantPhone', 'flat', 'note']),
  });
  const submit = handleSubmit((v) => mutation.mutate(v));
  const E = formState.errors;
  const field = (name: 'applicantName' | 'applicantPhone' | 'flat' | 'note', label: string, autoFocus = false) => (
    <Controller
      name={name}
      control={control}
      rules={name === 'applicantName' ? { validate: (v) => v.trim() !== '' || L.required.applicantName } : {}}
      render={({ field: f }) => (
        <TextField {...f} label={label} autoFocus={autoFocus} multiline={name === 'note'} error={Boolean(E[name])} helperText={E[name]?.message} />
      )}
    />
  );
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="repeated-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)} onKeyDown={submitOnCtrlEnter(() => void submit())}>
        <DialogTitle id="repeated-dialog-title">{L.repeatedCall.title(number)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {E.root && <Alert severity="error">{E.root.message}</Alert>}
            {field('applicantName', L.fields.applicantName, true)}
            {field('applicantPhone', L.fields.applicantPhone)}
            {field('flat', L.fields.flat)}
            <SelectField control={control} name="channel" label={L.fields.channel} options={CHANNELS} labels={t.channels} />
            {field('note', L.fields.note)}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Typography variant="caption" color="text.secondary" sx={{ mr: 'auto', ml: 2 }}>
            {L.ctrlEnter}
          </Typography>
          <Button onClick={onClose}>{L.cancel}</Button>
          <Button type="submit" variant="contained" disabled={mutation.isPending}>
            {L.repeatedCall.attach}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
