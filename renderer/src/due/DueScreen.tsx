// «Сроки»: open appeals whose pending deadline (the earliest one still to be met: passing on,
// check, resolution, call back, written answer) is overdue, due within the hour or due later today
// (Samara time), nearest first, with the kind of that deadline; a row opens the appeal card.
// Refreshed on change events and every minute.
import { Button, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DueAppeal, DueBucket } from '../../../shared/contract/alerts-schemas.js';
import { api } from '../api/api.js';
import { gridLocaleText } from '../app/grid-locale.js';
import { rowsOpen } from '../app/grid-rows.js';
import { PagedGrid, usePaging } from '../app/PagedGrid.js';
import { navigate } from '../app/routing.js';
import { useNow } from '../app/use-now.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { PriorityChip } from '../appeals/PriorityChip.js';
import { useDueCounts, useDueList } from './due-queries.js';
import { askBrowserNotifications, canAskBrowserNotifications } from './notify.js';

function overdueBy(deadlineAt: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - deadlineAt) / 60_000));
  return t.due.overdueBy(Math.floor(minutes / 60), minutes % 60);
}

function columns(now: number): GridColDef<DueAppeal>[] {
  return [
    { field: 'number', headerName: t.due.number, width: 150, sortable: false },
    { field: 'priority', headerName: t.priority.label, width: 100, sortable: false, renderCell: ({ row }) => <PriorityChip priority={row.priority} /> },
    {
      field: 'deadlineKind',
      headerName: t.priority.dueKind,
      width: 190,
      sortable: false,
      valueFormatter: (v: DueAppeal['deadlineKind']) => t.deadlines.kinds[v],
    },
    {
      field: 'deadlineAt',
      headerName: t.due.deadline,
      width: 150,
      sortable: false,
      valueFormatter: (v: number) => formatDateTime(v),
      cellClassName: (params) => ((params.value as number) < now ? 'overdue' : ''),
    },
    {
      field: 'late',
      headerName: t.due.late,
      width: 130,
      sortable: false,
      valueGetter: (_v, row) => (row.deadlineAt < now ? overdueBy(row.deadlineAt, now) : ''),
      cellClassName: 'overdue',
    },
    { field: 'address', headerName: t.due.address, flex: 1, minWidth: 220, sortable: false, valueGetter: (_v, row) => (row.flat ? `${row.address}, кв. ${row.flat}` : row.address) },
    { field: 'district', headerName: t.due.district, width: 150, sortable: false },
    { field: 'category', headerName: t.due.category, width: 190, sortable: false, valueFormatter: (v: DueAppeal['category']) => t.categories[v] },
    { field: 'status', headerName: t.due.status, width: 170, sortable: false, valueFormatter: (v: DueAppeal['status']) => t.statuses[v] },
    { field: 'executorName', headerName: t.due.executor, width: 200, sortable: false },
  ];
}

export function DueScreen() {
  const [bucket, setBucket] = useState<DueBucket>('overdue');
  const paging = usePaging();
  const [asked, setAsked] = useState(0);
  const info = useQuery({ queryKey: ['appInfo'], queryFn: () => api.appInfo({}) });
  // The browser shell asks for system notifications; until then alerts come as in-app notices.
  const askable = info.data?.shell === 'browser' && canAskBrowserNotifications() && asked >= 0;
  const counts = useDueCounts();
  const list = useDueList(bucket, paging.offset, paging.limit);
  const wallNow = useNow();
  // The core's clock (tests move it), as of the last answer.
  const now = list.data?.now ?? counts.data?.now ?? wallNow;
  const tabCount = (b: DueBucket) =>
    counts.data ? { overdue: counts.data.overdue, within_hour: counts.data.withinHour, today: counts.data.today }[b] : undefined;

  return (
    <Paper sx={{ p: 2, height: 'calc(100vh - 96px)', display: 'flex', flexDirection: 'column' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5" component="h2" gutterBottom>
          {t.due.title}
        </Typography>
        <Typography color="text.secondary">{t.due.asOf(formatDateTime(now))}</Typography>
        {askable && (
          <Button size="small" onClick={() => void askBrowserNotifications().then(() => setAsked((n) => n + 1))}>
            {t.due.enableNotifications}
          </Button>
        )}
      </Stack>
      <Tabs
        value={bucket}
        onChange={(_, value: DueBucket) => {
          setBucket(value);
          paging.firstPage();
        }}
        sx={{ mb: 1 }}
      >
        {(['overdue', 'within_hour', 'today'] as const).map((b) => (
          <Tab
            key={b}
            value={b}
            data-testid={`due-tab-${b}`}
            label={`${t.due.buckets[b]}${tabCount(b) === undefined ? '' : ` (${tabCount(b)})`}`}
            sx={b === 'overdue' && (tabCount(b) ?? 0) > 0 ? { color: 'error.main' } : undefined}
          />
        ))}
      </Tabs>
      <PagedGrid<DueAppeal>
        query={list}
        paging={paging}
        columns={columns(now)}
        {...rowsOpen((id) => navigate({ screen: 'appeal', id }))}
        localeText={gridLocaleText(t.due.empty[bucket])}
        sx={{ flex: 1, '& .MuiDataGrid-row': { cursor: 'pointer' }, '& .overdue': { color: 'error.main', fontWeight: 500 } }}
      />
    </Paper>
  );
}
