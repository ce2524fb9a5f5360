// «Закрыть день» for the Department: the nine districts × the day's state (not closed; closed by
// whom and when; returned and why), «Вернуть району» on a closed one, a row opens the district's day.
import { Alert, Button, Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DistrictClosure } from '../../../shared/contract/day-closure-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { api } from '../api/api.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { ReturnDayDialog } from './DayClosureDialogs.js';

const D = t.dayClosure;
const CHIP_COLOR = { open: 'default', signed: 'success', returned: 'warning' } as const;

function who(row: DistrictClosure): string {
  if (row.state === 'signed') return row.signedBy ?? '';
  if (row.state === 'returned') return row.returnedBy ?? '';
  return '';
}

function when(row: DistrictClosure): string {
  const at = row.state === 'signed' ? row.signedAt : row.state === 'returned' ? row.returnedAt : null;
  return at === null ? '' : formatDateTime(at);
}

export function CityClosures({ day, onOpen }: { day: string; onOpen: (district: District) => void }) {
  const [returning, setReturning] = useState<District | null>(null);
  const states = useQuery({ queryKey: ['appeals', 'dayClosures', day], queryFn: () => api.dayClosures({ day }) });
  const C = D.cityColumns;
  return (
    <Paper variant="outlined">
      {states.isError && <Alert severity="error">{states.error.message}</Alert>}
      <Table size="small" data-testid="city-closures">
        <TableHead>
          <TableRow>
            <TableCell>{C.district}</TableCell>
            <TableCell>{C.state}</TableCell>
            <TableCell>{C.who}</TableCell>
            <TableCell>{C.when}</TableCell>
            <TableCell>{C.note}</TableCell>
            <TableCell>{C.actions}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {states.data?.districts.map((row) => (
            <TableRow key={row.district} data-testid={`closure-row-${row.district}`}>
              <TableCell>{row.district}</TableCell>
              <TableCell>
                <Chip size="small" color={CHIP_COLOR[row.state]} label={D.cityState[row.state]} data-testid="closure-row-state" />
              </TableCell>
              <TableCell>{who(row)}</TableCell>
              <TableCell data-testid="closure-row-when">{when(row)}</TableCell>
              <TableCell sx={{ maxWidth: 360 }}>{row.state === 'returned' ? (row.returnReason ?? '') : (row.comment ?? '')}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button size="small" onClick={() => onOpen(row.district)}>
                  {D.openDistrict}
                </Button>
                {row.state === 'signed' && states.data.canReturn && (
                  <Button size="small" color="warning" onClick={() => setReturning(row.district)} data-testid="closure-row-return">
                    {D.returnButton}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {returning && <ReturnDayDialog district={returning} day={day} onClose={() => setReturning(null)} />}
    </Paper>
  );
}
