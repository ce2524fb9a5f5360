// The address card: the building, the organisations to call, its heating, and every appeal at
// this address (open first), with «На контроле» while anything here is open.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PhoneIcon from '@mui/icons-material/Phone';
import { Alert, Box, Button, Chip, Divider, Link, Paper, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { Organisation } from '../../../shared/contract/register-schemas.js';
import { api } from '../api/api.js';
import { AppealMiniList } from '../appeals/AppealMiniList.js';
import { RepeatedCallsCount } from '../appeals/RepeatedCallsCount.js';
import { BuildingHistory } from '../incidents/BuildingHistory.js';
import { BuildingHeatingPanel } from '../heating/BuildingHeatingPanel.js';
import { routeHref } from '../app/routing.js';
import { t } from '../i18n/ru.js';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '220px 1fr', py: 0.4 }}>
      <Typography color="text.secondary">{label}</Typography>
      <Typography component="div">{children}</Typography>
    </Box>
  );
}

function Phone({ label, number }: { label: string; number: string | null }) {
  if (!number) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', mr: 2 }}>
      <PhoneIcon fontSize="inherit" color="action" />
      <span>
        {label}: <Link href={`tel:${number.replace(/[^\d+]/g, '')}`}>{number}</Link>
      </span>
    </Stack>
  );
}

function OrganisationRow({ label, org }: { label: string; org: Organisation | null }) {
  return (
    <Row label={label}>
      {org ? (
        <>
          <div>{org.name}</div>
          <Stack direction="row" sx={{ flexWrap: 'wrap', fontSize: 14 }}>
            <Phone label={t.building.phone} number={org.phone} />
            <Phone label={t.building.dispatcher} number={org.dispatcherPhone} />
            {org.email && (
              <span>
                {t.building.email}: <Link href={`mailto:${org.email}`}>{org.email}</Link>
              </span>
            )}
          </Stack>
        </>
      ) : (
        <Typography color="text.secondary">{t.building.noOrg}</Typography>
      )}
    </Row>
  );
}

export function BuildingCard({ id }: { id: string }) {
  const card = useQuery({ queryKey: ['buildings', 'card', id], queryFn: () => api.getBuildingCard({ id }) });

  if (card.isError) return <Alert severity="error">{card.error.message || t.building.notFound}</Alert>;
  if (!card.data) return null;
  const { building, managementOrg, heatSupplier, onControl, openCount, totalCount, appeals } = card.data;

  return (
    <Paper sx={{ p: 3, maxWidth: 1100 }}>
      <Button onClick={() => history.back()} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t.building.back}
      </Button>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h2">
          {building.address}
        </Typography>
        {onControl ? (
          <Chip label={t.building.onControl} color="warning" />
        ) : (
          <Chip label={t.building.notOnControl} variant="outlined" />
        )}
      </Stack>
      <Row label={t.building.district}>{building.district}</Row>
      <OrganisationRow label={t.building.managementOrg} org={managementOrg} />
      <OrganisationRow label={t.building.heatSupplier} org={heatSupplier} />
      {building.heatSource && (
        <Row label={t.building.heatSource}>
          {building.heatSource.name}
        </Row>
      )}
      <BuildingHeatingPanel buildingId={building.id} address={building.address} />
      {building.yearBuilt && <Row label={t.building.yearBuilt}>{building.yearBuilt}</Row>}
      {(building.floors || building.flats) && (
        <Row label={`${t.building.floors} / ${t.building.flats}`}>
          {building.floors ?? '—'} / {building.flats ?? '—'}
        </Row>
      )}
      {building.fiasGuid && <Row label={t.building.fias}>{building.fiasGuid}</Row>}
      <BuildingHistory history={card.data.history} />
      <Divider sx={{ my: 2 }} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h3">
          {t.building.appeals}
        </Typography>
        <Typography color="text.secondary">{t.building.openOfTotal(openCount, totalCount)}</Typography>
        <RepeatedCallsCount buildingId={building.id} />
        <Box sx={{ flexGrow: 1 }} />
        <Button href={routeHref({ screen: 'intake', buildingId: building.id })} variant="outlined">
          {t.building.newAppeal}
        </Button>
      </Stack>
      {appeals.length === 0 ? <Typography color="text.secondary">{t.building.noAppeals}</Typography> : <AppealMiniList appeals={appeals} />}
    </Paper>
  );
}
