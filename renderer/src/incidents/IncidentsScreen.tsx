// «Инциденты»: mass outages, active first, and the dialog that records a new one.
import AddIcon from '@mui/icons-material/Add';
import {
  Box,
  Button,
  Chip,
  FormControlLabel,
  Link,
  Paper,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Incident } from '../../../shared/contract/incident-schemas.js';
import { api } from '../api/api.js';
import { routeHref } from '../app/routing.js';
import { TableHeadRow } from '../app/table-head.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { CreateIncidentDialog } from './CreateIncidentDialog.js';
import { PlannedRestore } from './IncidentTimes.js';
import { useNow } from '../app/use-now.js';

export function scopeText(i: Incident): string {
  return i.heatSource ? i.heatSource.name : `${t.incidents.scopes.buildings} (${i.buildingCount})`;
}

export function IncidentStatus({ incident }: { incident: Incident }) {
  return incident.restoredAt === null ? (
    <Chip size="small" color="error" label={t.incidents.active} />
  ) : (
    <Stack spacing={0.25} sx={{ alignItems: 'flex-start' }}>
      <Chip size="small" variant="outlined" label={t.incidents.restored} />
      <Typography sx={{ fontSize: 12, whiteSpace: 'nowrap' }} color="text.secondary">
        {formatDateTime(incident.restoredAt)}
      </Typography>
    </Stack>
  );
}

export function IncidentsScreen() {
  const [showRestored, setShowRestored] = useState(true);
  const [creating, setCreating] = useState(false);
  const nowMs = useNow();
  const list = useQuery({
    queryKey: ['appeals', 'incidents', 'list', showRestored],
    queryFn: () => api.listIncidents({ activeOnly: !showRestored, limit: 200 }),
  });
  return (
    <Paper sx={{ p: 3 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h2">
          {t.incidents.title}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <FormControlLabel control={<Switch checked={showRestored} onChange={(e) => setShowRestored(e.target.checked)} />} label={t.incidents.showRestored} />
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
          {t.incidents.create}
        </Button>
      </Stack>
      {list.data && list.data.length === 0 ? (
        <Typography color="text.secondary">{t.incidents.empty}</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t.incidents.title}>
          <TableHeadRow
            columns={[
              t.incidents.number,
              t.incidents.status,
              t.incidents.scope,
              t.incidents.cause,
              t.incidents.startedAt,
              t.incidents.plannedRestoreAt,
              t.incidents.districts,
              { label: t.incidents.buildings, align: 'right' },
              { label: t.incidents.appealsCount, align: 'right' },
            ]}
          />
          <TableBody>
            {(list.data ?? []).map((i) => (
              <TableRow key={i.id} hover>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Link href={routeHref({ screen: 'incident', id: i.id })}>{i.number}</Link>
                </TableCell>
                <TableCell>
                  <IncidentStatus incident={i} />
                </TableCell>
                <TableCell>{scopeText(i)}</TableCell>
                <TableCell>{i.cause}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.startedAt)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <PlannedRestore incident={i} nowMs={nowMs} stacked />
                </TableCell>
                <TableCell>{i.districts.join(', ')}</TableCell>
                <TableCell align="right">{i.buildingCount}</TableCell>
                <TableCell align="right">{i.appealCount}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        </Box>
      )}
      {creating && <CreateIncidentDialog open onClose={() => setCreating(false)} />}
    </Paper>
  );
}
