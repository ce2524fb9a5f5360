// «Закрыть день»: the deputy head's sign-off of the district's day. The open appeals of the day are
// listed; each is closed through the workflow or carried over with a reason and a new control date,
// then «Подписать день» records the figures. A signed day is read-only and shows what changed
// since. The Department sees the nine districts and may return a signed day. ← → move the day.
// docs/day-closure.md.
import {
  Alert,
  Box,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { DataGrid, type GridColDef, type GridRowSelectionModel } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClosureAppeal, DayClosureView, DayFigures } from '../../../shared/contract/day-closure-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { isCityWide, type Role } from '../../../shared/domain/roles.js';
import { formatRuDate, summaryDay, summaryDayOf } from '../../../shared/reports/summary-day.js';
import { api } from '../api/api.js';
import { DayPicker } from '../app/DayPicker.js';
import { gridLocaleText } from '../app/grid-locale.js';
import { rowsOpen } from '../app/grid-rows.js';
import { navigate } from '../app/routing.js';
import { useNow } from '../app/use-now.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { useActingUser } from '../reports/acting-role.js';
import { CarryOverDialog, ReturnDayDialog, SignDayDialog } from './DayClosureDialogs.js';
import { CityClosures } from './CityClosures.js';

const D = t.dayClosure;

/** Who sees «Закрыть день»: the deputy head, the district controller, the Department, the admin. */
export const CLOSE_DAY_ROLES: readonly Role[] = ['deputy_head', 'district_controller', 'department', 'admin'];

const FIGURES: (keyof DayFigures)[] = ['received', 'closed', 'open', 'overdue'];

function ruDate(date: string): string {
  const day = summaryDay(date);
  return day ? formatRuDate(day) : date;
}

/** YYYY-MM-DD as ДД.ММ.ГГГГ. */
function shortDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

const COLUMNS: GridColDef<ClosureAppeal>[] = [
  { field: 'number', headerName: D.columns.number, width: 130 },
  { field: 'address', headerName: D.columns.address, flex: 1, minWidth: 220 },
  { field: 'status', headerName: D.columns.status, width: 150, valueFormatter: (v: ClosureAppeal['status']) => t.statuses[v] },
  { field: 'category', headerName: D.columns.category, width: 170, valueFormatter: (v: ClosureAppeal['category']) => t.categories[v] },
  { field: 'receivedAt', headerName: D.columns.receivedAt, width: 130, valueFormatter: (v: number) => formatDateTime(v) },
  { field: 'pendingDeadlineAt', headerName: D.columns.deadline, width: 130, valueFormatter: (v: number | null) => (v === null ? '—' : formatDateTime(v)) },
  {
    field: 'latestCarryOver',
    headerName: D.columns.carryOver,
    flex: 1,
    minWidth: 200,
    sortable: false,
    valueGetter: (_v, row) => (row.latestCarryOver ? D.carryOverCell(shortDate(row.latestCarryOver.controlDate), row.latestCarryOver.reason) : ''),
  },
  { field: 'handled', headerName: D.columns.handled, width: 110, valueFormatter: (v: boolean) => (v ? D.handledYes : D.handledNo) },
];

function FiguresTable({ now, signed }: { now: DayFigures; signed: DayFigures | null }) {
  return (
    <Table size="small" sx={{ maxWidth: 640 }} data-testid="closure-figures">
      <TableHead>
        <TableRow>
          <TableCell />
          {FIGURES.map((f) => (
            <TableCell key={f} align="right">
              {D.figures[f]}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {signed && (
          <TableRow data-testid="figures-signed">
            <TableCell>{D.figuresSigned}</TableCell>
            {FIGURES.map((f) => (
              <TableCell key={f} align="right">
                {signed[f]}
              </TableCell>
            ))}
          </TableRow>
        )}
        <TableRow data-testid="figures-now">
          <TableCell>{D.figuresNow}</TableCell>
          {FIGURES.map((f) => (
            <TableCell key={f} align="right" sx={signed && signed[f] !== now[f] ? { fontWeight: 600 } : undefined}>
              {now[f]}
            </TableCell>
          ))}
        </TableRow>
      </TableBody>
    </Table>
  );
}

function StateBanner({ view }: { view: DayClosureView }) {
  const c = view.closure;
  if (view.state === 'signed' && c) {
    return (
      <Alert severity="success" data-testid="closure-state">
        <strong>{D.stateSigned(c.signedBy, formatDateTime(c.signedAt))}</strong>
        {c.comment && <div>{`${D.comment}: ${c.comment}`}</div>}
      </Alert>
    );
  }
  if (view.state === 'returned' && c) {
    return (
      <Alert severity="warning" data-testid="closure-state">
        <strong>{D.stateReturned(c.returnedBy ?? '', c.returnedAt ? formatDateTime(c.returnedAt) : '')}</strong>
        <div>{D.returnReasonShown(c.returnReason ?? '')}</div>
        <div>{D.signedBefore(c.signedBy, formatDateTime(c.signedAt))}</div>
      </Alert>
    );
  }
  return (
    <Alert severity="info" data-testid="closure-state">
      {D.stateOpen}
    </Alert>
  );
}

function DistrictDay({ view }: { view: DayClosureView }) {
  const [selection, setSelection] = useState<GridRowSelectionModel>({ type: 'include', ids: new Set() });
  const [carrying, setCarrying] = useState(false);
  const [signing, setSigning] = useState(false);
  const [returning, setReturning] = useState(false);
  const signed = view.state === 'signed';
  const selectable = view.canCarryOver;
  // «Select all» gives an exclude model: every row but the ids listed.
  const selectedIds = view.appeals.map((a) => a.id).filter((id) => (selection.type === 'include' ? selection.ids.has(id) : !selection.ids.has(id)));

  return (
    <Stack spacing={2}>
      <StateBanner view={view} />
      <FiguresTable now={view.figuresNow} signed={signed && view.closure ? view.closure.figures : null} />
      {!signed && (
        <Paper variant="outlined" sx={{ p: 1.5 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
              {D.toHandle}
            </Typography>
            <Typography color={view.unhandled > 0 ? 'warning.dark' : 'success.main'} sx={{ fontWeight: 500 }} data-testid="remaining">
              {D.remaining(view.unhandled)}
            </Typography>
            <Typography color="text.secondary" sx={{ fontSize: 14 }} data-testid="carried-for-day">
              {D.carriedForDay(view.carriedOver)}
            </Typography>
            <Box sx={{ flexGrow: 1 }} />
            {selectable && (
              <Button variant="outlined" disabled={selectedIds.length === 0} onClick={() => setCarrying(true)} data-testid="carry-selected">
                {D.carrySelected(selectedIds.length)}
              </Button>
            )}
            <Tooltip title={!view.canSign ? D.signOnlyDeputy : view.unhandled > 0 ? D.signDisabled : ''}>
              <span>
                <Button variant="contained" disabled={!view.canSign || view.unhandled > 0} onClick={() => setSigning(true)} data-testid="sign-day">
                  {D.sign}
                </Button>
              </span>
            </Tooltip>
          </Stack>
          <Typography color="text.secondary" sx={{ fontSize: 14, mb: 1 }}>
            {D.toHandleHint}
          </Typography>
          <Box sx={{ height: 460 }} data-testid="closure-appeals">
            <DataGrid<ClosureAppeal>
              checkboxSelection={selectable}
              disableRowSelectionOnClick
              rowSelectionModel={selection}
              onRowSelectionModelChange={setSelection}
              rows={view.appeals}
              columns={COLUMNS}
              density="compact"
              {...rowsOpen((id) => navigate({ screen: 'appeal', id }))}
              getRowClassName={(p) => (p.row.handled ? 'handled' : 'unhandled')}
              localeText={gridLocaleText(D.empty)}
              sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' }, '& .handled': { color: 'text.secondary' } }}
            />
          </Box>
        </Paper>
      )}
      {signed && (
        <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="changed-after">
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500, mb: 1 }}>
            {D.changedAfter}
          </Typography>
          {view.changedAfter.length === 0 ? (
            <Typography color="text.secondary">{D.changedAfterEmpty}</Typography>
          ) : (
            <Table size="small">
              <TableBody>
                {view.changedAfter.map((a) => (
                  <TableRow key={a.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate({ screen: 'appeal', id: a.id })}>
                    <TableCell>{a.number}</TableCell>
                    <TableCell>{a.address}</TableCell>
                    <TableCell>{t.statuses[a.status]}</TableCell>
                    <TableCell>
                      {a.changes.map((c, i) => (
                        <div key={i}>{D.changeCell(D.eventTypes[c.type] ?? c.type, formatDateTime(c.at), c.by)}</div>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Paper>
      )}
      {view.canReturn && (
        <Box>
          <Button variant="outlined" color="warning" onClick={() => setReturning(true)} data-testid="return-day">
            {D.returnButton}
          </Button>
        </Box>
      )}
      {view.history.length > 0 && (
        <Box data-testid="closure-history">
          <Typography variant="subtitle2">{D.history}</Typography>
          {view.history.map((h, i) => (
            <Typography key={i} color="text.secondary" sx={{ fontSize: 14 }}>
              {h.type === 'signed' ? D.historySigned(h.by, formatDateTime(h.at)) : D.historyReturned(h.by, formatDateTime(h.at), h.reason ?? '')}
            </Typography>
          ))}
        </Box>
      )}
      {carrying && (
        <CarryOverDialog
          day={view.day}
          appealIds={selectedIds}
          defaultControlDate={view.nextWorkingDay}
          onClose={(done) => {
            setCarrying(false);
            if (done) setSelection({ type: 'include', ids: new Set() });
          }}
        />
      )}
      {signing && <SignDayDialog view={view} onClose={() => setSigning(false)} />}
      {returning && <ReturnDayDialog district={view.district} day={view.day} onClose={() => setReturning(false)} />}
    </Stack>
  );
}

export function DayClosureScreen() {
  const actor = useActingUser();
  const cityWide = actor ? isCityWide(actor.role) : false;
  /** null: today at the core's clock. */
  const [day, setDay] = useState<string | null>(null);
  /** The Department's chosen district; null: the nine. */
  const [district, setDistrict] = useState<District | null>(null);
  const today = summaryDayOf(useNow()).date;
  const shown = day ?? today;
  const isToday = shown >= today;
  const needsDistrict = cityWide && district === null;
  const closure = useQuery({
    queryKey: ['appeals', 'dayClosure', shown, district],
    queryFn: () => api.dayClosure({ day: shown, ...(district ? { district } : {}) }),
    enabled: actor !== undefined && !needsDistrict,
    placeholderData: keepPreviousData,
  });

  // A day to come typed into the field is ignored: the field's max bounds only its calendar.
  const pick = (picked: string | null) => {
    if (picked === null || picked <= today) setDay(picked);
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 1500 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h2">
          {needsDistrict ? D.cityTitle : D.title}
        </Typography>
        <DayPicker shown={shown} max={today} isToday={isToday} onPick={pick} />
        <Typography color="text.secondary">{ruDate(shown)}</Typography>
        {!cityWide && <Typography color="text.secondary">{actor?.district ?? ''}</Typography>}
        {cityWide && district && (
          <>
            <Typography sx={{ fontWeight: 500 }} data-testid="closure-district">
              {district}
            </Typography>
            <Button onClick={() => setDistrict(null)} data-testid="back-to-city">
              {D.backToCity}
            </Button>
          </>
        )}
        <Typography color="text.disabled" sx={{ fontSize: 12 }}>
          {t.dayPicker.keyboardHint}
        </Typography>
      </Stack>
      {needsDistrict ? (
        <CityClosures day={shown} onOpen={setDistrict} />
      ) : (
        <>
          {closure.isError && <Alert severity="error">{closure.error.message}</Alert>}
          {closure.data && <DistrictDay key={`${closure.data.district}:${closure.data.day}`} view={closure.data} />}
        </>
      )}
    </Stack>
  );
}
