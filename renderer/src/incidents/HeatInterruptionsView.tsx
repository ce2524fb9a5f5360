// A building's heat-interruption hours per month and the warnings over the limits of ПП РФ № 354.
import { Alert, Stack, Typography } from '@mui/material';
import type { HeatInterruptions } from '../../../shared/contract/building-history-schemas.js';
import { singleInterruptionLimit } from '../../../shared/domain/heat-interruptions.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const monthName = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthName.format(new Date(Date.UTC(y, m - 1, 1))).replace(/ г\.$/, '');
}

export function formatHours(hours: number): string {
  return (Math.round(hours * 10) / 10).toLocaleString('ru-RU');
}

export function interruptionWarningText(w: HeatInterruptions['warnings'][number]): string {
  if (w.kind === 'monthly') return t.incidents.warnMonthly(formatMonth(w.month), formatHours(w.hours), w.limitHours);
  const band = singleInterruptionLimit(w.roomCelsius);
  return t.roomTemperature.warnSingle(formatDateTime(w.start), formatHours(w.hours), w.limitHours, w.ongoing, w.roomCelsius, w.band, band.fromCelsius, band.toCelsius);
}

export function HeatInterruptionsView({ value }: { value: HeatInterruptions }) {
  if (value.months.length === 0) return <Typography color="text.secondary">{t.incidents.noInterruptions}</Typography>;
  return (
    <Stack spacing={0.5}>
      <Typography component="div">
        {value.months.map((m) => t.incidents.hoursMonth(formatMonth(m.month), formatHours(m.hours))).join(' · ')}
      </Typography>
      {value.warnings.map((w) => (
        <Alert key={w.kind === 'monthly' ? w.month : w.start} severity="warning" data-testid="interruption-warning" sx={{ py: 0 }}>
          {interruptionWarningText(w)}
        </Alert>
      ))}
      <Typography variant="caption" color="text.secondary">
        {t.roomTemperature.limitsSource}
      </Typography>
    </Stack>
  );
}
