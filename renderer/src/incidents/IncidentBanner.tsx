// On the intake form, as soon as the address is chosen: the mass outages active there now.
import { Alert, Button, Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/api.js';
import { routeHref } from '../app/routing.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

export function IncidentBanner({ buildingId }: { buildingId: string }) {
  const active = useQuery({
    queryKey: ['appeals', 'incidents', 'at', buildingId],
    queryFn: () => api.incidentsAtBuilding({ buildingId }),
  });
  if (!active.data?.length) return null;
  return (
    <Stack spacing={1}>
      {active.data.map((i) => (
        <Alert
          key={i.id}
          severity="error"
          data-testid="incident-banner"
          action={
            <Button color="inherit" size="small" tabIndex={-1} sx={{ whiteSpace: 'nowrap' }} href={routeHref({ screen: 'incident', id: i.id })}>
              {i.number}
            </Button>
          }
        >
          {t.incidents.banner(i.number, i.cause, formatDateTime(i.startedAt), i.plannedRestoreAt ? formatDateTime(i.plannedRestoreAt) : null)}
        </Alert>
      ))}
    </Stack>
  );
}
