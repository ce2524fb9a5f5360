// «Отопительный сезон»: «теплом обеспечено N из M домов» by district or management organisation in
// the user's scope (their district; the city for the Department), the buildings still without heat
// (a row opens the address card; «Изменить статус» sets one by hand), and a supplier's file import.
import EditIcon from '@mui/icons-material/Edit';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, IconButton, MenuItem, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { WithoutHeatRow } from '../../../shared/contract/heating-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { heatingFilterWords } from '../../../shared/exports/heating-document.js';
import { formatHeatingDate } from '../../../shared/heating/heating-date.js';
import { WITHOUT_HEAT_STATUSES } from '../../../shared/heating/heating-progress.js';
import type { HeatingStatus } from '../../../shared/heating/heating-status.js';
import { api } from '../api/api.js';
import { DocumentExportDialog } from '../appeals/ExportDialog.js';
import { DistrictFilter, OrganisationFilter, useManagementOrganisations } from '../app/building-filters.js';
import { gridLocaleText } from '../app/grid-locale.js';
import { rowsOpen } from '../app/grid-rows.js';
import { PagedGrid, usePaging } from '../app/PagedGrid.js';
import { navigate } from '../app/routing.js';
import { t } from '../i18n/ru.js';
import { HeatingStatusChip } from './BuildingHeatingPanel.js';
import { HeatingImportDialog } from './HeatingImportDialog.js';
import { HeatingProgressBars } from './HeatingProgressBars.js';
import { SetHeatingStatusDialog } from './SetHeatingStatusDialog.js';

type GroupBy = 'district' | 'organisation';
const s = t.heating.withoutHeat;

function columns(canSet: boolean, edit: (row: WithoutHeatRow) => void): GridColDef<WithoutHeatRow>[] {
  return [
    { field: 'address', headerName: s.address, flex: 1, minWidth: 220, sortable: false },
    { field: 'district', headerName: s.district, width: 140, sortable: false },
    { field: 'managementOrg', headerName: s.managementOrg, width: 220, sortable: false },
    {
      field: 'status',
      headerName: s.status,
      width: 130,
      sortable: false,
      renderCell: (p) => <HeatingStatusChip status={p.row.status} noStatus={p.row.noStatus} />,
    },
    { field: 'statusDate', headerName: s.date, width: 100, sortable: false, valueFormatter: (v: string | null) => (v ? formatHeatingDate(v) : '—') },
    { field: 'reason', headerName: s.reason, flex: 1, minWidth: 200, sortable: false },
    { field: 'openAppeals', headerName: s.openAppeals, width: 110, type: 'number', sortable: false },
    ...(canSet
      ? [
          {
            field: 'actions',
            headerName: '',
            width: 56,
            sortable: false,
            renderCell: (p: { row: WithoutHeatRow }) => (
              <Tooltip title={s.setStatus}>
                <IconButton
                  size="small"
                  aria-label={`${s.setStatus}: ${p.row.address}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    edit(p.row);
                  }}
                  onKeyDown={(e) => e.stopPropagation()}
                >
                  <EditIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            ),
          } satisfies GridColDef<WithoutHeatRow>,
        ]
      : []),
  ];
}

export function HeatingScreen() {
  const [groupBy, setGroupBy] = useState<GroupBy>('district');
  const [district, setDistrict] = useState<District | ''>('');
  const [orgId, setOrgId] = useState('');
  const [status, setStatus] = useState<HeatingStatus | ''>('');
  const paging = usePaging();
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<WithoutHeatRow | null>(null);
  const [exporting, setExporting] = useState(false);

  const progress = useQuery({ queryKey: ['buildings', 'heating', 'progress', groupBy], queryFn: () => api.heatingProgress({ groupBy }) });
  const scope = progress.data?.district ?? null;
  // The list's filters as on screen (also what «Экспорт в Excel» writes).
  const exportFilters = {
    ...(district && !scope ? { district } : {}),
    ...(orgId ? { managementOrgId: orgId } : {}),
    ...(status && status !== 'connected' ? { status } : {}),
  };
  const input = { ...exportFilters, offset: paging.offset, limit: paging.limit };
  const list = useQuery({
    queryKey: ['buildings', 'heating', 'without', input],
    queryFn: () => api.listWithoutHeat(input),
    placeholderData: keepPreviousData,
    enabled: progress.data !== undefined,
  });
  const orgDistrict = scope ?? (district || undefined);
  const organisations = useManagementOrganisations(orgDistrict);
  const canSet = progress.data?.permission.canSet ?? false;
  const cols = useMemo(() => columns(canSet, setEditing), [canSet]);
  const openCard = rowsOpen<WithoutHeatRow>((id) => navigate({ screen: 'building', id }));

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h2">
            {t.heating.title}
          </Typography>
          {progress.data && (
            <Typography color="text.secondary">{scope ? t.heating.scopeDistrict(scope) : t.heating.scopeCity}</Typography>
          )}
          <Box sx={{ flexGrow: 1 }} />
          <ToggleButtonGroup
            size="small"
            exclusive
            value={groupBy}
            onChange={(_e, v: GroupBy | null) => v && setGroupBy(v)}
            aria-label={t.heating.groupByLabel}
          >
            <ToggleButton value="district">{t.heating.groupBy.district}</ToggleButton>
            <ToggleButton value="organisation">{t.heating.groupBy.organisation}</ToggleButton>
          </ToggleButtonGroup>
          <Button variant="outlined" startIcon={<FileDownloadIcon />} onClick={() => setExporting(true)} disabled={!progress.data}>
            {t.exports.heating.button}
          </Button>
          {canSet && (
            <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
              {t.heating.import.open}
            </Button>
          )}
        </Stack>
        {progress.isError && <Alert severity="error">{progress.error.message}</Alert>}
        {progress.data && (
          // Nine districts fit; a city's organisations scroll.
          <Box sx={{ maxHeight: groupBy === 'organisation' ? 420 : 'none', overflowY: 'auto', pr: 1 }}>
            <HeatingProgressBars progress={progress.data} />
          </Box>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t.heating.rules}
        </Typography>
      </Paper>
      <Paper sx={{ p: 2, height: 'calc(100vh - 120px)', minHeight: 480, display: 'flex', flexDirection: 'column' }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
          <Typography variant="h6" component="h3" gutterBottom>
            {s.title}
          </Typography>
          {list.data && (
            <Typography color="text.secondary" data-testid="without-heat-total">
              {s.total(list.data.total)}
            </Typography>
          )}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
          {!scope && (
            <DistrictFilter
              label={s.district}
              allLabel={s.allDistricts}
              value={district}
              onChange={(d) => {
                setDistrict(d);
                setOrgId('');
                paging.firstPage();
              }}
              sx={{ minWidth: 200 }}
            />
          )}
          <OrganisationFilter
            organisations={organisations.data}
            label={s.managementOrg}
            allLabel={s.allOrganisations}
            value={orgId}
            onChange={(id) => {
              setOrgId(id);
              paging.firstPage();
            }}
            sx={{ minWidth: 260, maxWidth: 420 }}
          />
          <TextField
            select
            label={s.status}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as HeatingStatus | '');
              paging.firstPage();
            }}
            sx={{ minWidth: 220 }}
          >
            <MenuItem value="">{s.allStatuses}</MenuItem>
            {WITHOUT_HEAT_STATUSES.map((v) => (
              <MenuItem key={v} value={v}>
                {t.heating.statuses[v]}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <PagedGrid<WithoutHeatRow>
          query={list}
          paging={paging}
          getRowId={(row) => row.buildingId}
          columns={cols}
          onCellClick={(params, event, details) => params.field !== 'actions' && openCard.onCellClick?.(params, event, details)}
          onCellKeyDown={(params, event, details) => {
            // Enter on the pencil's cell sets the status; anywhere else it opens the card.
            if (params.field === 'actions' && event.key === 'Enter') {
              event.preventDefault();
              setEditing(params.row);
            } else openCard.onCellKeyDown?.(params, event, details);
          }}
          localeText={gridLocaleText(s.empty)}
          aria-label={s.title}
          sx={{ flex: 1, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Paper>
      {exporting && (
        <DocumentExportDialog
          title={t.exports.heating.title}
          intro={t.exports.heating.intro}
          details={`${t.exports.filters}: ${heatingFilterWords(exportFilters, (organisations.data ?? []).find((o) => o.id === orgId)?.name ?? null, scope)}`}
          request={() => ({ document: 'heating', ...exportFilters })}
          onClose={() => setExporting(false)}
        />
      )}
      {importing && <HeatingImportDialog onClose={() => setImporting(false)} />}
      {editing && (
        <SetHeatingStatusDialog buildingId={editing.buildingId} address={editing.address} initial={editing.status} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
