// The day picker of the day screens («Итоги дня», «Закрыть день»): «←» the day before, the date
// field, «→» the day after and «Сегодня». The ← → keys move the day too, except while the user types,
// works in a grid or has a dialog open.
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Button, IconButton, Stack, TextField, Tooltip } from '@mui/material';
import { useEffect } from 'react';
import { shiftDay, summaryDay } from '../../../shared/reports/summary-day.js';
import { t } from '../i18n/ru.js';

const P = t.dayPicker;

export function DayPicker({
  shown,
  max,
  isToday,
  onPick,
}: {
  /** The day on screen (YYYY-MM-DD); null while not yet known. */
  shown: string | null;
  /** The last day the field offers. */
  max: string;
  /** The day shown is today: there is no day after it. */
  isToday: boolean;
  /** A day was chosen (a real calendar date); null: back to today. */
  onPick: (day: string | null) => void;
}) {
  const move = (daysBack: number) => {
    const current = shown ? summaryDay(shown) : null;
    if (!current || (daysBack < 0 && isToday)) return;
    onPick(shiftDay(current, daysBack).date);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && target.closest('input, textarea, select, [role="dialog"], [role="grid"], [contenteditable="true"]') !== null) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (event.key === 'ArrowLeft') move(1);
      else if (event.key === 'ArrowRight') move(-1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Tooltip title={P.previousDay}>
        <IconButton aria-label={P.previousDay} onClick={() => move(1)} data-testid="day-previous">
          <ChevronLeftIcon />
        </IconButton>
      </Tooltip>
      <TextField
        type="date"
        size="small"
        label={P.day}
        value={shown ?? ''}
        onChange={(e) => {
          if (summaryDay(e.target.value)) onPick(e.target.value);
        }}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'day-input', max } }}
      />
      <Tooltip title={P.nextDay}>
        <span>
          <IconButton aria-label={P.nextDay} onClick={() => move(-1)} disabled={isToday} data-testid="day-next">
            <ChevronRightIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Button onClick={() => onPick(null)} disabled={isToday}>
        {P.today}
      </Button>
    </Stack>
  );
}
