// Pieces every keyboard-first form and dialog shares: a select over a closed vocabulary and a
// date-and-time field bound to react-hook-form, and Ctrl+Enter to save.
import { MenuItem, TextField } from '@mui/material';
import type { KeyboardEvent } from 'react';
import { Controller, type Control, type FieldValues, type Path, type UseControllerProps } from 'react-hook-form';

/** Saves the form on Ctrl+Enter (⌘+Enter on a Mac) from any field. */
export function submitOnCtrlEnter(submit: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      // A dialog is a React child of the form that opened it (the intake form saves on Ctrl+Enter too).
      e.preventDefault();
      e.stopPropagation();
      submit();
    }
  };
}

interface SelectFieldProps<V extends FieldValues, O extends string> {
  readonly control: Control<V>;
  readonly name: Path<V>;
  readonly label: string;
  readonly options: readonly O[];
  readonly labels: Readonly<Record<O, string>>;
  readonly autoFocus?: boolean;
  readonly error?: string | undefined;
}

export function SelectField<V extends FieldValues, O extends string>({
  control,
  name,
  label,
  options,
  labels,
  autoFocus = false,
  error,
}: SelectFieldProps<V, O>) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <TextField {...field} select autoFocus={autoFocus} label={label} error={Boolean(error)} helperText={error}>
          {options.map((o) => (
            <MenuItem key={o} value={o}>
              {labels[o]}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}

/** An <input type="datetime-local"> bound to react-hook-form; its value is read as Samara time by the caller. */
export function DateTimeField<V extends FieldValues>({
  control,
  name,
  label,
  rules,
  error,
}: {
  readonly control: Control<V>;
  readonly name: Path<V>;
  readonly label: string;
  readonly rules?: UseControllerProps<V>['rules'];
  readonly error?: string | undefined;
}) {
  return (
    <Controller
      name={name}
      control={control}
      rules={rules}
      render={({ field }) => (
        <TextField
          {...field}
          type="datetime-local"
          label={label}
          slotProps={{ inputLabel: { shrink: true } }}
          error={Boolean(error)}
          helperText={error}
        />
      )}
    />
  );
}
