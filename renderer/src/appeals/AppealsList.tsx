// «Обращения»: the list of appeals, paged, sorted and filtered by the core (it holds hundreds of
// thousands), virtualised by the DataGrid; a row opens the appeal's card.
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridRowSelectionModel, type GridSortModel } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { APPEAL_SORT_FIELDS, type Appeal, type AppealSortField } from '../../../shared/contract/schemas.js';
import { CATEGORIES, isOnControl, PRIORITIES, STATUSES, type AppealStatus, type Category, type Priority } from '../../../shared/domain/appeal-vocabulary.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { api } from '../api/api.js';
import { gridLocaleText } from '../app/grid-locale.js';
import { rowsOpen } from '../app/grid-rows.js';
import { navigate } from '../app/routing.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { BulkActions } from './BulkActions.js';
import { ExportDialog } from './ExportDialog.js';
import { PriorityChip } from './PriorityChip.js';

const COLUMNS: GridColDef<Appeal>[] = [
  // The official city-wide number leads once the server has given it; the one given at registration
  // stays searchable and is shown on hover.
  {
    field: 'number',
    headerName: t.appeals.number,
    width: 150,
    valueGetter: (_v, row) => row.officialNumber ?? row.number,
    renderCell: ({ row }) =>
      row.officialNumber ? <span title={`${t.card.provisionalNumber}: ${row.number}`}>{row.officialNumber}</span> : row.number,
  },
  { field: 'receivedAt', headerName: t.appeals.received, width: 130, valueFormatter: (v: number) => formatDateTime(v) },
  { field: 'address', headerName: t.appeals.address, flex: 1, minWidth: 200, valueGetter: (_v, row) => (row.flat ? `${row.address}, кв. ${row.flat}` : row.address) },
  { field: 'priority', headerName: t.priority.label, width: 100, sortable: false, renderCell: ({ row }) => <PriorityChip priority={row.priority} /> },
  { field: 'category', headerName: t.appeals.category, width: 155, valueFormatter: (v: Category) => t.categories[v] },
  { field: 'status', headerName: t.appeals.status, width: 165, valueFormatter: (v: AppealStatus) => t.statuses[v] },
  { field: 'executorName', headerName: t.appeals.executor, width: 170, sortable: false },
  { field: 'deadlineAt', headerName: t.appeals.deadline, width: 130, valueFormatter: (v: number) => formatDateTime(v) },
];

type StatusFilter = AppealStatus | 'on_control' | '';
const ON_CONTROL = STATUSES.filter(isOnControl);

function isSortField(field: string): field is AppealSortField {
  return (APPEAL_SORT_FIELDS as readonly string[]).includes(field);
}

export function AppealsList() {
  const [district, setDistrict] = useState<District | ''>('');
  // By default the list shows what still needs work: every appeal on control.
  const [status, setStatus] = useState<StatusFilter>('on_control');
  const [category, setCategory] = useState<Category | ''>('');
  const [priority, setPriority] = useState<Priority | ''>('');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const [sortModel, setSortModel] = useState<GridSortModel>([{ field: 'deadlineAt', sort: 'asc' }]);

  // What «Экспорт в Excel» writes: exactly the filters and the sort on screen, without paging.
  const filters = useMemo(() => {
    const sort = sortModel[0];
    return {
      ...(district ? { district } : {}),
      ...(status === 'on_control' ? { statuses: ON_CONTROL } : status ? { statuses: [status] } : {}),
      ...(category ? { category } : {}),
      ...(priority ? { priority } : {}),
      ...(deferredSearch ? { search: deferredSearch } : {}),
      sort: sort && isSortField(sort.field) ? { field: sort.field, direction: sort.sort ?? 'asc' } : { field: 'deadlineAt' as const, direction: 'asc' as const },
    };
  }, [district, status, category, priority, deferredSearch, sortModel]);
  const input = useMemo(
    () => ({ ...filters, offset: pagination.page * pagination.pageSize, limit: pagination.pageSize }),
    [filters, pagination],
  );
  const [exporting, setExporting] = useState(false);

  const appeals = useQuery({ queryKey: ['appeals', 'list', input], queryFn: () => api.listAppeals(input), placeholderData: keepPreviousData });
  const [selection, setSelection] = useState<GridRowSelectionModel>({ type: 'include', ids: new Set() });
  const selectedIds = selection.type === 'include' ? [...selection.ids].map(String) : (appeals.data?.rows ?? []).filter((r) => !selection.ids.has(r.id)).map((r) => r.id);
  const resetPage = () => setPagination((p) => ({ ...p, page: 0 }));

  return (
    <Paper sx={{ p: 2, height: 'calc(100vh - 96px)', display: 'flex', flexDirection: 'column' }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h5" component="h2">
          {t.appeals.title}
        </Typography>
        <Button startIcon={<FileDownloadIcon />} onClick={() => setExporting(true)} disabled={!appeals.data || appeals.data.total === 0}>
          {t.exports.button}
        </Button>
      </Stack>
      {exporting && <ExportDialog filters={filters} total={appeals.data?.total ?? 0} onClose={() => setExporting(false)} />}
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField
          label={t.appeals.search}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            resetPage();
          }}
          sx={{ flex: 2 }}
          type="search"
        />
        <TextField select label={t.appeals.district} value={district} onChange={(e) => { setDistrict(e.target.value as District | ''); resetPage(); }} sx={{ flex: 1 }}>
          <MenuItem value="">{t.appeals.allDistricts}</MenuItem>
          {DISTRICTS.map((d) => (
            <MenuItem key={d} value={d}>{d}</MenuItem>
          ))}
        </TextField>
        <TextField select label={t.appeals.status} value={status} onChange={(e) => { setStatus(e.target.value as StatusFilter); resetPage(); }} sx={{ flex: 1 }}>
          <MenuItem value="on_control">{t.appeals.onControl}</MenuItem>
          <MenuItem value="">{t.appeals.allStatuses}</MenuItem>
          {STATUSES.map((s) => (
            <MenuItem key={s} value={s}>{t.statuses[s]}</MenuItem>
          ))}
        </TextField>
        <TextField select label={t.appeals.category} value={category} onChange={(e) => { setCategory(e.target.value as Category | ''); resetPage(); }} sx={{ flex: 1 }}>
          <MenuItem value="">{t.appeals.allCategories}</MenuItem>
          {CATEGORIES.map((c) => (
            <MenuItem key={c} value={c}>{t.categories[c]}</MenuItem>
          ))}
        </TextField>
        <TextField select label={t.priority.label} value={priority} onChange={(e) => { setPriority(e.target.value as Priority | ''); resetPage(); }} sx={{ flex: 1 }}>
          <MenuItem value="">{t.priority.allPriorities}</MenuItem>
          {PRIORITIES.map((p) => (
            <MenuItem key={p} value={p}>{t.priority.labels[p]}</MenuItem>
          ))}
        </TextField>
      </Stack>
      {appeals.isError && <Alert severity="error" sx={{ mb: 1 }}>{t.appeals.loadFailed}: {appeals.error.message}</Alert>}
      <BulkActions selected={selectedIds} onDone={() => setSelection({ type: 'include', ids: new Set() })} />
      <DataGrid<Appeal>
        checkboxSelection
        disableRowSelectionOnClick
        keepNonExistentRowsSelected
        rowSelectionModel={selection}
        onRowSelectionModelChange={setSelection}
        rows={appeals.data?.rows ?? []}
        rowCount={appeals.data?.total ?? 0}
        columns={COLUMNS}
        loading={appeals.isFetching && !appeals.data}
        paginationMode="server"
        sortingMode="server"
        filterMode="server"
        disableColumnFilter
        paginationModel={pagination}
        onPaginationModelChange={setPagination}
        pageSizeOptions={[25, 50, 100]}
        sortModel={sortModel}
        onSortModelChange={(model) => { setSortModel(model); resetPage(); }}
        {...rowsOpen((id) => navigate({ screen: 'appeal', id }))}
        getRowClassName={(params) => (params.row.deadlineAt < Date.now() && isOnControl(params.row.status) ? 'overdue' : '')}
        density="compact"
        localeText={gridLocaleText(t.appeals.empty)}
        sx={{ flex: 1, '& .MuiDataGrid-row': { cursor: 'pointer' }, '& .overdue .MuiDataGrid-cell[data-field="deadlineAt"]': { color: 'error.main', fontWeight: 500 } }}
      />
    </Paper>
  );
}
