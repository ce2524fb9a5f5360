// The frame of a keyboard-first form in a dialog (the appeal card's actions, «Записать звонок»,
// «Присоединить как повторный звонок»): a title, the form's own error above its fields, the
// Ctrl+Enter hint, «Отмена» and the submit button; and how the core's refusal reaches the fields.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography, type DialogProps } from '@mui/material';
import type { BaseSyntheticEvent, KeyboardEvent, ReactNode } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../../shared/contract/errors.js';
import { t } from '../i18n/ru.js';

export function FormDialog({
  titleId,
  title,
  maxWidth,
  rootError,
  submitLabel,
  pending,
  onSubmit,
  onClose,
  children,
}: {
  /** The title's element id: the dialog is labelled by it. */
  titleId: string;
  title: ReactNode;
  maxWidth: DialogProps['maxWidth'];
  /** The form's error that belongs to no field (react-hook-form's `errors.root`). */
  rootError: { message?: string | undefined } | undefined;
  submitLabel: string;
  pending: boolean;
  /** react-hook-form's `handleSubmit(…)`. */
  onSubmit: (e?: BaseSyntheticEvent) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth={maxWidth} aria-labelledby={titleId} onKeyDownCapture={saveKeys(() => void onSubmit())}>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {rootError && <Alert severity="error">{rootError.message}</Alert>}
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Typography variant="caption" color="text.secondary" sx={{ mr: 'auto', ml: 2 }}>
            {t.lifecycle.ctrlEnter}
          </Typography>
          <Button onClick={onClose}>{t.lifecycle.cancel}</Button>
          <Button type="submit" variant="contained" disabled={pending}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * The dialog's keys, caught before its fields see them: Ctrl+Enter saves from anywhere in it (a
 * focused select would otherwise open its list too), and so does Enter while the focus is on the
 * dialog itself, not on a field — a dialog without fields («Взять в работу») opens that way.
 */
export function saveKeys(save: () => void) {
  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.altKey || e.shiftKey) return;
    const onField = e.target instanceof Element && e.target.closest('input, textarea, select, button, a, [role="combobox"], [role="button"], [contenteditable="true"]') !== null;
    if (!(e.ctrlKey || e.metaKey) && onField) return;
    e.preventDefault();
    e.stopPropagation();
    save();
  };
}

/**
 * Shows a failed save in the form: each issue of an ApiError at the field `fieldOf` finds for its
 * path, the error's message above the form when no issue found a field, anything else above the form.
 */
export function showServerError<V extends FieldValues>(error: unknown, setError: UseFormSetError<V>, fieldOf: (issuePath: string) => Path<V> | null) {
  if (error instanceof ApiError) {
    let atField = false;
    for (const issue of error.issues) {
      const field = fieldOf(issue.path);
      if (field) {
        setError(field, { type: 'server', message: issue.message });
        atField = true;
      }
    }
    if (!atField) setError('root', { type: 'server', message: error.message });
  } else setError('root', { type: 'server', message: error instanceof Error ? error.message : String(error) });
}
