// What the first-run and login screens share: a centred card under the app's title, text fields
// bound to react-hook-form, and the core's refusal put at the field it names (or above the form).
import { Box, Paper, TextField, Typography, type TextFieldProps } from '@mui/material';
import type { ReactNode } from 'react';
import { Controller, type Control, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../../shared/contract/errors.js';
import { t } from '../i18n/ru.js';

export function LinkCard({ title, titleId, children }: { title: string; titleId: string; children: ReactNode }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'grey.100', p: 2 }}>
      <Paper elevation={2} sx={{ width: '100%', maxWidth: 460, p: 4 }} aria-labelledby={titleId} role="region">
        <Typography variant="overline" component="p" color="text.secondary">
          {t.app.title}
        </Typography>
        <Typography id={titleId} variant="h5" component="h1" sx={{ mb: 2 }}>
          {title}
        </Typography>
        {children}
      </Paper>
    </Box>
  );
}

interface LinkFieldProps<V extends FieldValues> {
  readonly control: Control<V>;
  readonly name: Path<V>;
  readonly label: string;
  readonly required: string;
  readonly error?: string | undefined;
  readonly field?: Omit<TextFieldProps, 'name' | 'label' | 'error' | 'value' | 'onChange' | 'onBlur'>;
}

export function LinkField<V extends FieldValues>({ control, name, label, required, error, field: extra }: LinkFieldProps<V>) {
  return (
    <Controller
      name={name}
      control={control}
      rules={{ validate: (v: string) => v.trim() !== '' || required }}
      // inputRef: a refusal focuses the input itself (setError with shouldFocus).
      render={({ field: { ref, ...field } }) => (
        <TextField {...field} {...extra} inputRef={ref} fullWidth label={label} error={Boolean(error)} helperText={error ?? extra?.helperText} />
      )}
    />
  );
}

/** The core's refusal at its fields; a refusal with no field goes above the form (root). */
export function showRefusal<V extends FieldValues>(error: unknown, fields: readonly Path<V>[], setError: UseFormSetError<V>): void {
  if (error instanceof ApiError && error.issues.length > 0) {
    for (const issue of error.issues) {
      const field = fields.find((f) => f === issue.path);
      setError(field ?? 'root', { type: 'server', message: issue.message }, { shouldFocus: field !== undefined });
    }
    return;
  }
  setError('root', { type: 'server', message: error instanceof Error ? error.message : String(error) });
}
