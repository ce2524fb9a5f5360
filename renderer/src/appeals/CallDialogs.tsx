// «Записать звонок» on the card and «Присоединить как повторный звонок» at intake: small forms,
// Russian errors at the fields, Ctrl+Enter saves.
import { TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, type FieldValues, type Path } from 'react-hook-form';
import { CALL_DIRECTIONS, CALL_RESULTS, type CallResult } from '../../../shared/contract/lifecycle-schemas.js';
import { CHANNELS, type Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { api } from '../api/api.js';
import { FormDialog, showServerError } from '../app/form-dialog.js';
import { DateTimeField, SelectField } from '../app/form-fields.js';
import { t } from '../i18n/ru.js';
import { fromSamaraInput, toSamaraInput } from './ActionDialog.js';

const L = t.lifecycle;

/** The issue's path when it names one of `fields`. */
function oneOf<V extends FieldValues>(fields: readonly Path<V>[]) {
  return (issuePath: string) => fields.find((f) => f === issuePath) ?? null;
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
    onError: (error) => showServerError(error, setError, oneOf<CallValues>(['note', 'at'])),
  });
  const submit = handleSubmit((v) => mutation.mutate(v));
  const E = formState.errors;
  return (
    <FormDialog
      titleId="call-dialog-title"
      title={
        <>
          {L.card.logCall} · № {number}
        </>
      }
      maxWidth="xs"
      rootError={E.root}
      submitLabel={L.submit}
      pending={mutation.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      <SelectField control={control} name="direction" label={L.fields.direction} options={CALL_DIRECTIONS} labels={L.callDirections} autoFocus />
      <SelectField control={control} name="result" label={L.fields.result} options={CALL_RESULTS} labels={L.callResults} />
      <DateTimeField control={control} name="at" label={L.fields.at} rules={{ required: L.required.doneAt }} error={E.at?.message} />
      <Controller
        name="note"
        control={control}
        render={({ field }) => <TextField {...field} label={L.fields.note} multiline minRows={2} error={Boolean(E.note)} helperText={E.note?.message} />}
      />
    </FormDialog>
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
    onError: (error) => showServerError(error, setError, oneOf<RepeatedValues>(['applicantName', 'applicantPhone', 'flat', 'note'])),
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
    <FormDialog
      titleId="repeated-dialog-title"
      title={L.repeatedCall.title(number)}
      maxWidth="sm"
      rootError={E.root}
      submitLabel={L.repeatedCall.attach}
      pending={mutation.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {field('applicantName', L.fields.applicantName, true)}
      {field('applicantPhone', L.fields.applicantPhone)}
      {field('flat', L.fields.flat)}
      <SelectField control={control} name="channel" label={L.fields.channel} options={CHANNELS} labels={t.channels} />
      {field('note', L.fields.note)}
    </FormDialog>
  );
}
