// One workflow action's dialog: exactly the fields the action needs, checked at the fields in
// Russian, the core's refusal shown at its field (or above the form for a rule about the action).
// Ctrl+Enter saves.
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { useState } from 'react';
import type { ActionDataInput, AppealCardView } from '../../../shared/contract/lifecycle-schemas.js';
import { ApiError } from '../../../shared/contract/errors.js';
import { SAMARA_OFFSET_MS } from '../../../shared/domain/samara-time.js';
import {
  CHECK_METHODS,
  FEEDBACK_RESULTS,
  TRANSFER_METHODS,
  type CheckMethod,
  type FeedbackResult,
  type TransferMethod,
  type WorkflowAction,
} from '../../../shared/domain/workflow.js';
import { parseCelsius } from '../../../shared/domain/celsius-input.js';
import { api } from '../api/api.js';
import { FormDialog, showServerError } from '../app/form-dialog.js';
import { DateTimeField, SelectField } from '../app/form-fields.js';
import { t } from '../i18n/ru.js';
import { DuplicateCandidates } from './DuplicateCandidates.js';

const L = t.lifecycle;

export interface ActionValues {
  executorOrgId: string;
  method: TransferMethod;
  contactPerson: string;
  whatWasDone: string;
  doneAt: string;
  checkMethod: CheckMethod;
  temperatures: { room: string; corner: boolean; celsius: string }[];
  note: string;
  feedback: FeedbackResult | '';
  attempts: string;
  reason: string;
  originalId: string;
}

/** A moment as the value of <input type="datetime-local"> in Samara time, and back. */
export function toSamaraInput(ms: number): string {
  return new Date(ms + SAMARA_OFFSET_MS).toISOString().slice(0, 16);
}
export function fromSamaraInput(value: string): number {
  return Date.parse(`${value}:00Z`) - SAMARA_OFFSET_MS;
}

/** The typed degrees («+17,5», «18 °C»…); an empty or unreadable field is NaN, refused at the field. */
function celsiusOf(text: string): number {
  return parseCelsius(text) ?? Number.NaN;
}

function requiredFields(action: WorkflowAction, v: ActionValues): FieldErrors<ActionValues> {
  const errors: Record<string, { type: string; message: string }> = {};
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) errors[field] = { type: 'required', message };
  };
  switch (action) {
    case 'transfer':
      need('executorOrgId', v.executorOrgId !== '', L.required.executor);
      if (v.method === 'phone') need('contactPerson', v.contactPerson.trim() !== '', 'При передаче по телефону укажите, кто принял');
      break;
    case 'mark_done':
      need('whatWasDone', v.whatWasDone.trim() !== '', L.required.whatWasDone);
      need('doneAt', v.doneAt !== '', L.required.doneAt);
      break;
    case 'verify':
      if (v.checkMethod === 'measurement') {
        need('temperatures', v.temperatures.length > 0, 'Запишите измеренные температуры');
        v.temperatures.forEach((r, i) => {
          const c = celsiusOf(r.celsius);
          need(
            `temperatures.${i}.celsius`,
            Number.isFinite(c) && c >= -30 && c <= 45,
            r.celsius.trim() === '' ? L.required.celsius : Number.isFinite(c) ? L.required.celsiusRange : L.required.celsiusNumber,
          );
        });
      }
      break;
    case 'close':
      need('feedback', v.feedback !== '', L.required.feedback);
      break;
    case 'reject':
    case 'return_for_rework':
      need('reason', v.reason.trim() !== '', L.required.reason);
      break;
    case 'mark_duplicate':
      need('originalId', v.originalId.trim() !== '', L.required.original);
      break;
    case 'take_in_work':
      break;
  }
  // react-hook-form reads nested errors by path; build them as nested objects.
  const nested: Record<string, unknown> = {};
  for (const [path, error] of Object.entries(errors)) {
    const keys = path.split('.');
    let node = nested;
    keys.slice(0, -1).forEach((k) => {
      node[k] ??= /^\d+$/.test(keys[keys.indexOf(k) + 1] ?? '') ? [] : {};
      node = node[k] as Record<string, unknown>;
    });
    node[keys.at(-1) as string] = error;
  }
  return nested as FieldErrors<ActionValues>;
}

export function toActionData(action: WorkflowAction, v: ActionValues): ActionDataInput {
  switch (action) {
    case 'transfer':
      return { action, executorOrgId: v.executorOrgId, method: v.method, contactPerson: v.contactPerson };
    case 'take_in_work':
      return { action };
    case 'mark_done':
      return { action, whatWasDone: v.whatWasDone, doneAt: fromSamaraInput(v.doneAt) };
    case 'verify':
      return {
        action,
        method: v.checkMethod,
        temperatures: v.checkMethod === 'measurement' ? v.temperatures.map((r) => ({ room: r.room, corner: r.corner, celsius: celsiusOf(r.celsius) })) : [],
        note: v.note,
      };
    case 'close':
      return { action, feedback: v.feedback as FeedbackResult, attempts: Number(v.attempts) || 0, note: v.note };
    case 'reject':
    case 'return_for_rework':
      return { action, reason: v.reason };
    case 'mark_duplicate':
      return { action, originalId: v.originalId.trim() };
  }
}

/** The form field a core issue path (data.reason, data.temperatures…) belongs to. */
function formField(path: string): keyof ActionValues | null {
  const field = path.replace(/^data\./, '').split('.')[0] ?? '';
  if (field === 'method') return null; // ambiguous between transfer and check: shown above the form
  return ['executorOrgId', 'contactPerson', 'whatWasDone', 'doneAt', 'temperatures', 'note', 'feedback', 'attempts', 'reason', 'originalId'].includes(field)
    ? (field as keyof ActionValues)
    : null;
}

export function ActionDialog({
  action,
  card,
  nowMs,
  onClose,
  onDone,
}: {
  action: WorkflowAction;
  card: AppealCardView;
  nowMs: number;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const { appeal } = card;
  // The card refreshes under an open dialog when someone else changes the appeal: what was typed
  // stays, the dialog says so, and the save goes against the appeal as it is now.
  const [openedStatus] = useState(appeal.status);
  const [openedVersion] = useState(appeal.version);
  const resolver: Resolver<ActionValues> = (values) => {
    const errors = requiredFields(action, values);
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
  const form = useForm<ActionValues>({
    resolver,
    defaultValues: {
      executorOrgId: card.executorOrgId ?? card.defaultExecutor?.id ?? '',
      method: 'phone',
      contactPerson: '',
      whatWasDone: '',
      doneAt: toSamaraInput(nowMs),
      checkMethod: appeal.category === 'no_heating' || appeal.category === 'low_temperature' ? 'measurement' : 'call',
      temperatures: [{ room: 'Жилая комната', corner: false, celsius: '' }],
      note: '',
      feedback: '',
      attempts: String(card.failedCallAttempts),
      reason: '',
      originalId: '',
    },
  });
  const { control, handleSubmit, setError, formState } = form;
  const rooms = useFieldArray({ control, name: 'temperatures' });
  const organisations = useQuery({
    queryKey: ['organisations', appeal.district],
    queryFn: () => api.listOrganisations({ district: appeal.district }),
    enabled: action === 'transfer',
  });
  const mutation = useMutation({
    mutationFn: (values: ActionValues) =>
      api.appealAction({ appealId: appeal.id, expectedVersion: appeal.version, data: toActionData(action, values) }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: ['appeal'] });
      await queryClient.invalidateQueries({ queryKey: ['appeals'] });
      onDone(action === 'verify' && updated.status === 'in_progress' ? L.card.checkFailed : L.card.done(L.actions[action]));
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.code === 'conflict') {
        await queryClient.invalidateQueries({ queryKey: ['appeal'] });
        setError('root', { type: 'server', message: L.card.conflict });
        return;
      }
      showServerError(error, setError, formField);
    },
  });
  const submit = handleSubmit((values) => mutation.mutate(values));
  const method = useWatch({ control, name: 'method' });
  const checkMethod = useWatch({ control, name: 'checkMethod' });
  const feedback = useWatch({ control, name: 'feedback' });
  const E = formState.errors;

  const text = (name: 'contactPerson' | 'whatWasDone' | 'note' | 'reason' | 'originalId', label: string, multiline = false, autoFocus = false) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <TextField
          {...field}
          label={label}
          multiline={multiline}
          minRows={multiline ? 2 : undefined}
          autoFocus={autoFocus}
          error={Boolean(E[name])}
          helperText={E[name]?.message}
          fullWidth
        />
      )}
    />
  );

  return (
    <FormDialog
      titleId="action-dialog-title"
      title={
        <>
          {L.actions[action]} · № {appeal.number}
        </>
      }
      maxWidth="sm"
      rootError={E.root}
      submitLabel={L.actions[action]}
      pending={mutation.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {appeal.version !== openedVersion && (
        <Alert severity="warning" role="status">
          {L.card.changedMeanwhile(t.statuses[openedStatus], t.statuses[appeal.status])}
        </Alert>
      )}
      {action === 'transfer' && (
        <>
          <Controller
            name="executorOrgId"
            control={control}
            render={({ field }) => (
              <TextField
                {...field}
                select
                autoFocus
                label={L.fields.executor}
                error={Boolean(E.executorOrgId)}
                helperText={E.executorOrgId?.message ?? (card.defaultExecutor ? L.defaultExecutor(card.defaultExecutor.name) : undefined)}
              >
                {card.defaultExecutor && !organisations.data?.some((o) => o.id === card.defaultExecutor?.id) && (
                  <MenuItem value={card.defaultExecutor.id}>{card.defaultExecutor.name}</MenuItem>
                )}
                {(organisations.data ?? []).map((o) => (
                  <MenuItem key={o.id} value={o.id}>
                    {o.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          <SelectField control={control} name="method" label={L.fields.method} options={TRANSFER_METHODS} labels={L.transferMethods} />
          {method !== 'system' && text('contactPerson', L.fields.contactPerson)}
        </>
      )}
      {action === 'take_in_work' && <Typography>{L.actions.take_in_work}?</Typography>}
      {action === 'mark_done' && (
        <>
          {text('whatWasDone', L.fields.whatWasDone, true, true)}
          <DateTimeField control={control} name="doneAt" label={L.fields.doneAt} error={E.doneAt?.message} />
        </>
      )}
      {action === 'verify' && (
        <>
          <SelectField control={control} name="checkMethod" label={L.fields.checkMethod} options={CHECK_METHODS} labels={L.checkMethods} autoFocus />
          {checkMethod === 'measurement' && (
            <Box>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {L.norms}
              </Typography>
              {rooms.fields.map((room, i) => (
                <Stack key={room.id} direction="row" spacing={1} sx={{ mb: 1, alignItems: 'flex-start' }}>
                  <Controller
                    name={`temperatures.${i}.room`}
                    control={control}
                    render={({ field }) => <TextField {...field} label={L.fields.room} sx={{ flex: 2 }} />}
                  />
                  <Controller
                    name={`temperatures.${i}.celsius`}
                    control={control}
                    render={({ field }) => (
                      <TextField
                        {...field}
                        label={L.fields.celsius}
                        inputMode="decimal"
                        sx={{ flex: 1 }}
                        error={Boolean(E.temperatures?.[i]?.celsius)}
                        helperText={E.temperatures?.[i]?.celsius?.message}
                      />
                    )}
                  />
                  <Controller
                    name={`temperatures.${i}.corner`}
                    control={control}
                    render={({ field }) => (
                      <FormControlLabel
                        control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />}
                        label={L.fields.corner}
                      />
                    )}
                  />
                  <IconButton aria-label={L.fields.removeRoom} onClick={() => rooms.remove(i)} disabled={rooms.fields.length === 1}>
                    <DeleteIcon />
                  </IconButton>
                </Stack>
              ))}
              {E.temperatures?.message && <Alert severity="error">{E.temperatures.message}</Alert>}
              <Button onClick={() => rooms.append({ room: '', corner: false, celsius: '' })}>{L.fields.addRoom}</Button>
            </Box>
          )}
          {text('note', L.fields.note, true)}
        </>
      )}
      {action === 'close' && (
        <>
          <SelectField
            control={control}
            name="feedback"
            label={L.fields.feedback}
            options={FEEDBACK_RESULTS}
            labels={L.feedback}
            autoFocus
            error={E.feedback?.message}
          />
          {feedback === 'unreachable' && (
            <Controller
              name="attempts"
              control={control}
              render={({ field }) => (
                <TextField
                  {...field}
                  type="number"
                  label={L.fields.attempts}
                  error={Boolean(E.attempts)}
                  helperText={E.attempts?.message ?? L.attemptsCounted(card.failedCallAttempts)}
                />
              )}
            />
          )}
          {text('note', L.fields.note, true)}
        </>
      )}
      {(action === 'reject' || action === 'return_for_rework') && text('reason', L.fields.reason, true, true)}
      {action === 'mark_duplicate' && (
        <>
          {text('originalId', L.fields.original, false, true)}
          <DuplicateCandidates appeal={appeal} onChoose={(number) => form.setValue('originalId', number, { shouldValidate: form.formState.isSubmitted })} />
        </>
      )}
    </FormDialog>
  );
}
