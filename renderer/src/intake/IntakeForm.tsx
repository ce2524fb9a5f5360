// «Новое обращение»: the operator's form for a call. Keyboard first: Tab through the fields in
// order, Ctrl+Enter registers; afterwards the number is shown and the form is ready for the next call.
import { Alert, Box, Button, Link, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { ApiError } from '../../../shared/contract/errors.js';
import { CATEGORIES, CHANNELS, defaultPriority, PRIORITIES, type Category } from '../../../shared/domain/appeal-vocabulary.js';
import { api } from '../api/api.js';
import { submitOnCtrlEnter } from '../app/form-fields.js';
import { routeHref } from '../app/routing.js';
import { t } from '../i18n/ru.js';
import { AddressField } from './AddressField.js';
import { IntakeDeadlines } from './IntakeDeadlines.js';
import { IncidentBanner } from '../incidents/IncidentBanner.js';
import { OpenAppealsHere } from './OpenAppealsHere.js';
import { EMPTY_INTAKE, formField, intakeResolver, toRegisterInput, type IntakeValues } from './intake-form-model.js';

export function IntakeForm({ buildingId }: { buildingId?: string | undefined }) {
  const form = useForm<IntakeValues>({ defaultValues: EMPTY_INTAKE, resolver: intakeResolver });
  const { control, register, handleSubmit, formState, reset, setError, setValue, getValues } = form;
  const chosen = useWatch({ control, name: 'building' });
  const flat = useWatch({ control, name: 'flat' });
  const addressInput = useRef<HTMLInputElement | null>(null);
  // What the last call became: a new appeal, or a repeated call on an open one.
  const [done, setDone] = useState<{ text: string; appealId: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const registerAppeal = useMutation({
    mutationFn: (values: IntakeValues) => api.registerAppeal(toRegisterInput(values)),
    onSuccess: (appeal) => {
      nextCall({ text: t.intake.registered(appeal.number), appealId: appeal.id });
    },
    onError: (error) => {
      setDone(null);
      if (error instanceof ApiError && error.issues.length > 0) {
        for (const issue of error.issues) setError(formField(issue.path), { type: 'server', message: issue.message });
      }
      setFailure(error.message || t.intake.failed);
    },
  });

  // Opened from an address card: the address is already chosen.
  const preset = useQuery({
    queryKey: ['buildings', 'card', buildingId],
    queryFn: () => api.getBuildingCard({ id: buildingId ?? '' }),
    enabled: Boolean(buildingId),
  });
  useEffect(() => {
    const b = preset.data?.building;
    if (b && !getValues('building')) {
      setValue('building', { id: b.id, address: b.address, district: b.district, managementOrg: preset.data?.managementOrg?.name ?? null, score: 1 });
    }
  }, [preset.data, getValues, setValue]);

  /** The call is handled: the form clears for the next one and the cursor goes back to «Адрес». */
  const [calls, setCalls] = useState(0);
  function nextCall(result: { text: string; appealId: string }) {
    setDone(result);
    setFailure(null);
    reset(EMPTY_INTAKE);
    setCalls((n) => n + 1);
  }
  // In an effect of the same commit: after a closing dialog (the repeated call's) has given the focus
  // back to where it was opened, which a timer could precede on a busy machine.
  useEffect(() => {
    if (calls > 0) addressInput.current?.focus();
  }, [calls]);

  const submit = handleSubmit((values) => registerAppeal.mutate(values));
  const fieldError = (name: keyof IntakeValues) => formState.errors[name]?.message;

  return (
    <Paper sx={{ p: 3, maxWidth: 860 }}>
      <Typography variant="h5" component="h2" gutterBottom>
        {t.intake.title}
      </Typography>
      {done && (
        <Alert
          severity="success"
          role="status"
          sx={{ mb: 2 }}
          action={
            <Link href={routeHref({ screen: 'appeal', id: done.appealId })} sx={{ mr: 1 }}>
              {t.intake.open}
            </Link>
          }
        >
          {done.text}
        </Alert>
      )}
      {failure && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {failure}
        </Alert>
      )}
      <Box
        component="form"
        noValidate
        autoComplete="off"
        aria-label={t.intake.title}
        onSubmit={(e) => void submit(e)}
        onKeyDown={submitOnCtrlEnter(() => void submit())}
      >
        <Stack spacing={2}>
          <Stack direction="row" spacing={2}>
            <Box sx={{ flex: 4 }}>
              <Controller
                control={control}
                name="building"
                render={({ field }) => (
                  <AddressField
                    ref={(element) => {
                      field.ref(element);
                      addressInput.current = element;
                    }}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    error={fieldError('building')}
                  />
                )}
              />
            </Box>
            <Box sx={{ flex: 1 }}>
              <TextField label={t.intake.flat} {...register('flat')} error={Boolean(fieldError('flat'))} helperText={fieldError('flat') ?? ' '} />
            </Box>
          </Stack>
          {chosen && <IncidentBanner buildingId={chosen.id} />}
          {chosen && (
            <OpenAppealsHere
              buildingId={chosen.id}
              flat={flat.trim()}
              prefill={() => {
                const v = getValues();
                return { applicantName: v.applicantName, applicantPhone: v.applicantPhone, flat: v.flat, channel: v.channel, note: v.description };
              }}
              onAttached={(message, appeal) => nextCall({ text: message, appealId: appeal.id })}
            />
          )}
          <Stack direction="row" spacing={2}>
            <TextField
              label={t.intake.applicant}
              required
              {...register('applicantName')}
              error={Boolean(fieldError('applicantName'))}
              helperText={fieldError('applicantName') ?? ' '}
            />
            <TextField
              label={t.intake.phone}
              type="tel"
              autoComplete="off"
              {...register('applicantPhone')}
              error={Boolean(fieldError('applicantPhone'))}
              helperText={fieldError('applicantPhone') ?? ' '}
            />
          </Stack>
          <Stack direction="row" spacing={2}>
            <Controller
              control={control}
              name="channel"
              render={({ field }) => (
                <TextField
                  select
                  label={t.intake.channel}
                  required
                  {...field}
                  error={Boolean(fieldError('channel'))}
                  helperText={fieldError('channel') ?? ' '}
                  slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                >
                  {CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t.channels[c]}
                    </option>
                  ))}
                </TextField>
              )}
            />
            <Controller
              control={control}
              name="category"
              render={({ field }) => (
                <TextField
                  select
                  label={t.intake.category}
                  required
                  {...field}
                  onChange={(e) => {
                    field.onChange(e);
                    // The category suggests the priority; the operator may change it afterwards.
                    setValue('priority', e.target.value === '' ? '' : defaultPriority(e.target.value as Category));
                  }}
                  error={Boolean(fieldError('category'))}
                  helperText={fieldError('category') ?? ' '}
                  slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                >
                  <option value="">{t.intake.choose}</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t.categories[c]}
                    </option>
                  ))}
                </TextField>
              )}
            />
            <Controller
              control={control}
              name="priority"
              render={({ field }) => (
                <TextField
                  select
                  label={t.priority.label}
                  {...field}
                  error={Boolean(fieldError('priority'))}
                  helperText={fieldError('priority') ?? ' '}
                  slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                  sx={{ minWidth: 170 }}
                >
                  {field.value === '' && <option value="">{t.priority.byCategory}</option>}
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t.priority.labels[p]}
                    </option>
                  ))}
                </TextField>
              )}
            />
          </Stack>
          <IntakeDeadlines control={control} />
          <TextField
            label={t.intake.description}
            required
            multiline
            minRows={3}
            {...register('description')}
            error={Boolean(fieldError('description'))}
            helperText={fieldError('description') ?? ' '}
          />
          <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
            <Button type="submit" variant="contained" disabled={registerAppeal.isPending}>
              {registerAppeal.isPending ? t.intake.submitting : t.intake.submit}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {t.intake.hint}
            </Typography>
          </Stack>
        </Stack>
      </Box>
    </Paper>
  );
}

