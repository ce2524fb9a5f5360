// «Адреса на контроле»: every building with at least one open appeal, nearest deadline first,
// filtered by district and management organisation; a row opens the address card.
import { Paper, Stack, Typography } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ControlAddress } from '../../../shared/contract/register-schemas.js';
import type { District } from '../../../shared/domain/districts.js';
import { api } from '../api/api.js';
import { DistrictFilter, OrganisationFilter, useManagementOrganisations } from '../app/building-filters.js';
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
  const organisations = useManagementOrganisations(district || undefined);

  return (
    <Paper sx={{ p: 2, height: 'calc(100vh - 96px)', display: 'flex', flexDirection: 'column' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5" component="h2" gutterBottom>
          {t.control.title}
        </Typography>
        {list.data && <Typography color="text.secondary">{t.control.total(list.data.total)}</Typography>}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <DistrictFilter
          label={t.control.district}
          allLabel={t.appeals.allDistricts}
          value={district}
          onChange={(d) => {
            setDistrict(d);
            setOrgId('');
            paging.firstPage();
          }}
          sx={{ maxWidth: 260 }}
        />
        <OrganisationFilter
          organisations={organisations.data}
          label={t.control.managementOrg}
          allLabel={t.control.allOrganisations}
          value={orgId}
          onChange={(id) => {
            setOrgId(id);
            paging.firstPage();
          }}
          sx={{ maxWidth: 420 }}
        />
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
