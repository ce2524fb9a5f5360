// What the two incident forms («Зарегистрировать инцидент» and «Изменить» on the card) share: the
// dialog with its error, «Отмена» and save, a date-and-time field in Samara time, and the room
// temperature field that blocks the save while it is not a number.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography, type SxProps, type Theme } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { parseCelsius } from '../../../shared/domain/celsius-input.js';
import { saveKeys } from '../app/form-dialog.js';
import { t } from '../i18n/ru.js';

/** What the dialog needs of the form's save mutation. */
interface SaveMutation {
  mutate: () => void;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
}

export function IncidentFormDialog({
  open = true,
  title,
  submitLabel,
  save,
  invalid,
  onClose,
  children,
}: {
  open?: boolean;
  title: string;
  submitLabel: string;
  save: SaveMutation;
  /** A field holds what cannot be saved: the save button waits. */
  invalid: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      onKeyDownCapture={saveKeys(() => {
        if (!save.isPending && !invalid) save.mutate();
      })}
    >
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {children}
          {save.isError && <Alert severity="error">{save.error?.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.incidents.cancel}</Button>
        <Typography variant="caption" color="text.secondary" sx={{ mr: 'auto', ml: 2, order: -1 }}>
          {t.lifecycle.ctrlEnter}
        </Typography>
        <Button variant="contained" onClick={() => save.mutate()} disabled={save.isPending || invalid}>
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** An <input type="datetime-local"> whose value is read and written with ./time-input.ts. */
export function SamaraDateTimeField({
  label,
  value,
  onChange,
  sx,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  sx?: SxProps<Theme>;
}) {
  return (
    <TextField
      label={label}
      type="datetime-local"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ inputLabel: { shrink: true } }}
      sx={sx}
    />
  );
}

export interface RoomTemperatureInput {
  text: string;
  setText: (text: string) => void;
  /** °C; null when the field is empty; NaN when it is not a number. */
  celsius: number | null;
  invalid: boolean;
}

/** The room temperature as typed, starting from `initial`. */
export function useRoomTemperature(initial: string): RoomTemperatureInput {
  const [text, setText] = useState(initial);
  const celsius = parseCelsius(text);
  return { text, setText, celsius, invalid: celsius !== null && Number.isNaN(celsius) };
}

export function RoomTemperatureField({ room }: { room: RoomTemperatureInput }) {
  return (
    <TextField
      label={t.roomTemperature.label}
      value={room.text}
      onChange={(e) => room.setText(e.target.value)}
      error={room.invalid}
      helperText={room.invalid ? t.roomTemperature.invalid : t.roomTemperature.hint}
      slotProps={{ htmlInput: { inputMode: 'decimal' } }}
    />
  );
}
