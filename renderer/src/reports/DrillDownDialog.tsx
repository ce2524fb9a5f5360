// The appeals behind one figure of «Итоги дня» (optionally one row of a breakdown), in a dialog with
// a paged grid; a row (click or Enter) opens the appeal card. Its total is the figure.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Appeal } from '../../../shared/contract/schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import type { Breakdown, SummaryFigure } from '../../../shared/reports/day-summary.js';
import { api } from '../api/api.js';
import { gridLocaleText } from '../app/grid-locale.js';
import { rowsOpen } from '../app/grid-rows.js';
import { PagedGrid, usePaging } from '../app/PagedGrid.js';
import { navigate } from '../app/routing.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const R = t.reports;

export interface DrillDown {
  readonly figure: SummaryFigure;
  readonly breakdown?: Breakdown;
  readonly key?: string;
  /** What the row is, for the title: «Низкая температура», «ООО «УК …»». */
  readonly what?: string;
}

const columns: GridColDef<Appeal>[] = [
  { field: 'number', headerName: R.columns.number, width: 150, valueGetter: (_v, row) => row.officialNumber ?? row.number },
  { field: 'receivedAt', headerName: R.columns.receivedAt, width: 140, valueFormatter: (v: number) => formatDateTime(v) },
  { field: 'address', headerName: R.columns.address, flex: 1.2, minWidth: 200, valueGetter: (_v, row) => (row.flat ? `${row.address}, кв. ${row.flat}` : row.address) },
  { field: 'district', headerName: R.columns.district, width: 130 },
  { field: 'category', headerName: R.columns.category, width: 180, valueFormatter: (v: Appeal['category']) => t.categories[v] },
  { field: 'status', headerName: R.columns.status, width: 170, valueFormatter: (v: Appeal['status']) => t.statuses[v] },
  { field: 'executorName', headerName: R.columns.executor, flex: 1, minWidth: 180 },
];

export function DrillDownDialog({
  drill,
  day,
  district,
  onClose,
}: {
  drill: DrillDown;
  day: string;
  district: District | undefined;
  onClose: () => void;
}) {
  const paging = usePaging();
  const list = useQuery({
    queryKey: ['appeals', 'daySummaryAppeals', day, district ?? null, drill.figure, drill.breakdown ?? null, drill.key ?? null, paging.model],
    queryFn: () =>
      api.daySummaryAppeals({
        day,
        district,
        figure: drill.figure,
        ...(drill.breakdown && drill.key !== undefined ? { breakdown: drill.breakdown, key: drill.key } : {}),
        offset: paging.offset,
        limit: paging.limit,
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="drill-title">
      <DialogTitle id="drill-title">{R.drillTitle(R.figures[drill.figure], drill.what ?? null, list.data?.total)}</DialogTitle>
      <DialogContent sx={{ height: '70vh', display: 'flex', flexDirection: 'column' }}>
        <PagedGrid<Appeal>
          query={list}
          paging={paging}
          columns={columns}
          {...rowsOpen((id) => {
            onClose();
            navigate({ screen: 'appeal', id });
          })}
          localeText={gridLocaleText(R.drillEmpty)}
          sx={{ flex: 1, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
          data-testid="drill-grid"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{R.close}</Button>
      </DialogActions>
    </Dialog>
  );
}
