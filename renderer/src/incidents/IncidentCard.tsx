// The incident card: what is off and why, since when and until when, the buildings with their
// interruption hours against the limits, the linked appeals, the journal, and the restore.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Divider,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, type UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { Incident } from '../../../shared/contract/incident-schemas.js';
import { api } from '../api/api.js';
import { AppealMiniList } from '../appeals/AppealMiniList.js';
import { routeHref } from '../app/routing.js';
import { TableHeadRow } from '../app/table-head.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { formatHours, formatMonth, interruptionWarningText } from './HeatInterruptionsView.js';
import { singleInterruptionLimit } from '../../../shared/domain/heat-interruptions.js';
import { IncidentFormDialog, RoomTemperatureField, SamaraDateTimeField, useRoomTemperature } from './IncidentFormDialog.js';
import { IncidentStatus, scopeText } from './IncidentsScreen.js';
import { IncidentDuration, PlannedRestore } from './IncidentTimes.js';
import { useNow } from '../app/use-now.js';
import { fromSamaraInput, toSamaraInput } from './time-input.js';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '220px 1fr', py: 0.4 }}>
      <Typography color="text.secondary">{label}</Typography>
      <Typography component="div">{children}</Typography>
    </Box>
  );
}

function EditDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const [cause, setCause] = useState(incident.cause);
  const [planned, setPlanned] = useState(incident.plannedRestoreAt ? toSamaraInput(incident.plannedRestoreAt) : '');
  const room = useRoomTemperature(incident.roomCelsius === null ? '' : incident.roomCelsius.toLocaleString('ru-RU'));
  const save = useMutation({
    mutationFn: () =>
      api.updateIncident({
        id: incident.id,
        cause,
        plannedRestoreAt: fromSamaraInput(planned),
        // Sent only when changed: the event and the op carry the temperature only then.
        ...(room.celsius !== incident.roomCelsius ? { roomCelsius: room.celsius } : {}),
      }),
    onSuccess: onClose,
  });
  return (
    <IncidentFormDialog title={t.incidents.edit} submitLabel={t.incidents.save} save={save} invalid={room.invalid} onClose={onClose}>
      <TextField label={t.incidents.cause} value={cause} onChange={(e) => setCause(e.target.value)} multiline minRows={2} />
      <SamaraDateTimeField label={t.incidents.plannedRestoreAt} value={planned} onChange={setPlanned} />
      <RoomTemperatureField room={room} />
    </IncidentFormDialog>
  );
}

/**
 * «Подача тепла восстановлена»: when the heat came back (now by default; earlier when it is recorded
 * late, so the interruption hours and the appeals' resolution time are not overstated).
 */
function RestoreDialog({
  openLinked,
  restore,
  onClose,
}: {
  openLinked: number;
  restore: UseMutationResult<unknown, Error, number>;
  onClose: () => void;
}) {
  const [at, setAt] = useState(() => toSamaraInput(Date.now()));
  const restoredAt = fromSamaraInput(at);
  return (
    <IncidentFormDialog
      title={t.incidents.restore}
      submitLabel={t.incidents.restore}
      save={{ mutate: () => restoredAt !== null && restore.mutate(restoredAt), isPending: restore.isPending, isError: restore.isError, error: restore.error }}
      invalid={restoredAt === null}
      onClose={onClose}
    >
      <Typography>{t.incidents.restoreConfirm(openLinked)}</Typography>
      <SamaraDateTimeField label={t.incidents.restoredAt} value={at} onChange={setAt} />
    </IncidentFormDialog>
  );
}

export function IncidentCard({ id }: { id: string }) {
  const details = useQuery({ queryKey: ['appeals', 'incidents', 'card', id], queryFn: () => api.getIncident({ id }) });
  const nowMs = useNow();
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const restore = useMutation({
    mutationFn: (restoredAt: number) => api.restoreIncident({ id, restoredAt }),
    onSuccess: () => setConfirming(false),
  });

  if (details.isError) return <Alert severity="error">{details.error.message}</Alert>;
  if (!details.data) return null;
  const { incident, buildings, appeals, events } = details.data;
  const over = buildings.filter((b) => b.interruptions.warnings.length > 0);
  const openLinked = appeals.filter((a) => ['registered', 'transferred', 'in_progress', 'returned'].includes(a.status)).length;

  return (
    <Paper sx={{ p: 3, maxWidth: 1200 }}>
      <Button href={routeHref({ screen: 'incidents' })} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t.incidents.back}
      </Button>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h2">
          {incident.number} · {scopeText(incident)}
        </Typography>
        <IncidentStatus incident={incident} />
        <Box sx={{ flexGrow: 1 }} />
        {incident.restoredAt === null && (
          <>
            <Button onClick={() => setEditing(true)}>{t.incidents.edit}</Button>
            <Button variant="contained" color="success" onClick={() => setConfirming(true)}>
              {t.incidents.restore}
            </Button>
          </>
        )}
      </Stack>
      {restore.data && <Alert severity="success">{t.incidents.restoredMoved(restore.data.movedAppealIds.length)}</Alert>}
      <Row label={t.incidents.cause}>{incident.cause}</Row>
      <Row label={t.incidents.startedAt}>{formatDateTime(incident.startedAt)}</Row>
      <Row label={t.incidents.plannedRestoreAt}>
        <PlannedRestore incident={incident} nowMs={nowMs} />
      </Row>
      <Row label={t.incidents.restoredAt}>{incident.restoredAt ? formatDateTime(incident.restoredAt) : '—'}</Row>
      <Row label={t.incidents.duration}>
        <IncidentDuration incident={incident} nowMs={nowMs} />
      </Row>
      <Row label={t.roomTemperature.label}>
        {incident.roomCelsius === null ? (
          <Typography color="text.secondary">{t.roomTemperature.notMeasured}</Typography>
        ) : (
          <Typography data-testid="incident-room-temperature">
            {(() => {
              const limit = singleInterruptionLimit(incident.roomCelsius);
              return t.roomTemperature.limitAt(incident.roomCelsius, limit.hours, limit.band);
            })()}
          </Typography>
        )}
      </Row>
      <Row label={t.incidents.districts}>{incident.districts.join(', ')}</Row>
      <Row label={t.incidents.buildings}>{incident.buildingCount}</Row>
      <Row label={t.incidents.hours}>
        {over.length > 0 ? (
          <Alert severity="warning" data-testid="incident-over-limit" sx={{ py: 0 }}>
            {t.incidents.overLimit(over.length)}
          </Alert>
        ) : (
          <Typography color="text.secondary">{t.incidents.withinLimits}</Typography>
        )}
        <Typography variant="caption" color="text.secondary">
          {t.roomTemperature.limitsSource}
        </Typography>
      </Row>
      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
        {t.incidents.linkedAppeals} ({appeals.length})
      </Typography>
      {appeals.length === 0 ? <Typography color="text.secondary">{t.incidents.noLinkedAppeals}</Typography> : <AppealMiniList appeals={appeals} />}
      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
        {t.incidents.affected}
      </Typography>
      <Table size="small" aria-label={t.incidents.affected}>
        <TableHeadRow columns={[t.incidents.address, t.incidents.districts, t.incidents.hours]} />
        <TableBody>
          {buildings.map((b) => (
            <TableRow key={b.id}>
              <TableCell>
                <Link href={routeHref({ screen: 'building', id: b.id })}>{b.address}</Link>
              </TableCell>
              <TableCell>{b.district}</TableCell>
              <TableCell>
                {b.interruptions.months.map((m) => t.incidents.hoursMonth(formatMonth(m.month), formatHours(m.hours))).join(' · ')}
                {b.interruptions.warnings.map((w) => (
                  <Typography key={w.kind === 'monthly' ? w.month : w.start} color="warning.main" sx={{ fontSize: 13 }}>
                    {interruptionWarningText(w)}
                  </Typography>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {buildings.length < incident.buildingCount && (
        <Typography color="text.secondary">{t.incidents.moreBuildings(buildings.length, incident.buildingCount)}</Typography>
      )}
      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
        {t.incidents.events}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.at)} · {t.incidents.eventTypes[e.type] ?? e.type} · {e.by}
          </li>
        ))}
      </Box>
      {editing && <EditDialog incident={incident} onClose={() => setEditing(false)} />}
      {confirming && <RestoreDialog openLinked={openLinked} restore={restore} onClose={() => setConfirming(false)} />}
    </Paper>
  );
}
