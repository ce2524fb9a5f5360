// «Адреса на контроле»: every building with at least one open appeal, nearest deadline first,
// filtered by district and management organisation; a row opens the address card.
import { MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ControlAddress } from '../../../shared/contract/register-schemas.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { api } from '../api/api.js';
import { gridLocaleText } from '../app/grid-locale.js';
import { rowsOpen } from '../app/grid-rows.js';
import { PagedGrid, usePaging } from '../app/PagedGrid.js';
import { navigate } from '../app/routing.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const COLUMNS: GridColDef<ControlAddress>[] = [
  { field: 'address', headerName: t.control.address, flex: 1, minWidth: 240, sortable: false },
  { field: 'district', headerName: t.control.district, width: 160, sortable: false },
  { field: 'managementOrg', headerName: t.control.managementOrg, width: 260, sortable: false },
  { field: 'openCount', headerName: t.control.openCount, width: 100, type: 'number', sortable: false },
  { field: 'oldestReceivedAt', headerName: t.control.oldest, width: 140, sortable: false, valueFormatter: (v: number) => formatDateTime(v) },
  {
    field: 'nearestDeadlineAt',
    headerName: t.control.nearestDeadline,
    width: 150,
    sortable: false,
    valueFormatter: (v: number) => formatDateTime(v),
    cellClassName: (params) => ((params.value as number) < Date.now() ? 'overdue' : ''),
  },
];

export function ControlList() {
  const [district, setDistrict] = useState<District | ''>('');
  const [orgId, setOrgId] = useState('');
  const paging = usePaging();
  const input = {
    ...(district ? { district } : {}),
    ...(orgId ? { managementOrgId: orgId } : {}),
    offset: paging.offset,
    limit: paging.limit,
  };
  const list = useQuery({ queryKey: ['control', input], queryFn: () => api.listControlAddresses(input), placeholderData: keepPreviousData });
  const organisations = useQuery({
    queryKey: ['buildings', 'organisations', district],
    queryFn: () => api.listOrganisations({ kinds: ['uk', 'tszh', 'zhsk', 'tsn', 'other'], ...(district ? { district } : {}) }),
  });

  return (
    <Paper sx={{ p: 2, height: 'calc(100vh - 96px)', display: 'flex', flexDirection: 'column' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5" component="h2" gutterBottom>
          {t.control.title}
        </Typography>
        {list.data && <Typography color="text.secondary">{t.control.total(list.data.total)}</Typography>}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField
          select
          label={t.control.district}
          value={district}
          onChange={(e) => {
            setDistrict(e.target.value as District | '');
            setOrgId('');
            paging.firstPage();
          }}
          sx={{ maxWidth: 260 }}
        >
          <MenuItem value="">{t.appeals.allDistricts}</MenuItem>
          {DISTRICTS.map((d) => (
            <MenuItem key={d} value={d}>
              {d}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={t.control.managementOrg}
          value={orgId}
          onChange={(e) => {
            setOrgId(e.target.value);
            paging.firstPage();
          }}
          sx={{ maxWidth: 420 }}
        >
          <MenuItem value="">{t.control.allOrganisations}</MenuItem>
          {(organisations.data ?? []).map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <PagedGrid<ControlAddress>
        query={list}
        paging={paging}
        getRowId={(row) => row.buildingId}
        columns={COLUMNS}
        {...rowsOpen((id) => navigate({ screen: 'building', id }))}
        localeText={gridLocaleText(t.control.empty)}
        sx={{ flex: 1, '& .MuiDataGrid-row': { cursor: 'pointer' }, '& .overdue': { color: 'error.main', fontWeight: 500 } }}
      />
    </Paper>
  );
}
