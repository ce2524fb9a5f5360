// How long an incident has lasted and whether its planned restoration has passed: on the incident's
// card and in «Инциденты», so a restoration that is late stands out while the heat is still off.
import { Typography } from '@mui/material';
import type { Incident } from '../../../shared/contract/incident-schemas.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

/** «2 ч 05 мин», «40 мин», «3 дн 4 ч». */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} дн ${hours} ч`;
  if (hours > 0) return `${hours} ч ${String(mins).padStart(2, '0')} мин`;
  return `${mins} мин`;
}

/** The planned restoration; red with how long ago when the heat is still off after it (`stacked`: on a second line, for a table cell). */
export function PlannedRestore({ incident, nowMs, stacked = false }: { incident: Incident; nowMs: number; stacked?: boolean }) {
  if (incident.plannedRestoreAt === null) return <>—</>;
  const late = incident.restoredAt === null && incident.plannedRestoreAt < nowMs;
  const lateText = late ? t.incidents.plannedOverdue(formatSpan(nowMs - incident.plannedRestoreAt)) : '';
  return (
    <Typography component="span" sx={late ? { color: 'error.main', fontWeight: 500 } : { font: 'inherit' }} data-late={late || undefined}>
      {formatDateTime(incident.plannedRestoreAt)}
      {late && !stacked && ` — ${lateText}`}
      {late && stacked && (
        <Typography component="span" sx={{ display: 'block', fontSize: 12, whiteSpace: 'normal' }}>
          {lateText}
        </Typography>
      )}
    </Typography>
  );
}

/** How long the heat has been (or was) off. */
export function IncidentDuration({ incident, nowMs }: { incident: Incident; nowMs: number }) {
  const end = incident.restoredAt ?? nowMs;
  const span = formatSpan(end - incident.startedAt);
  return <>{incident.restoredAt === null ? t.incidents.lasting(span) : t.incidents.lasted(span)}</>;
}
