// Under «Адрес» once a building is chosen: the appeals still open at that address, the caller's
// flat first, so the operator sees a repeated call before registering a new one.
import { Alert, Link } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { isOnControl } from '../../../shared/domain/appeal-vocabulary.js';
import { api } from '../api/api.js';
import { AppealMiniList } from '../appeals/AppealMiniList.js';
import { routeHref } from '../app/routing.js';
import { t } from '../i18n/ru.js';

export function OpenAppealsHere({ buildingId, flat }: { buildingId: string; flat: string }) {
  const card = useQuery({ queryKey: ['buildings', 'card', buildingId], queryFn: () => api.getBuildingCard({ id: buildingId }) });
  const open = (card.data?.appeals ?? []).filter((a) => isOnControl(a.status));
  if (open.length === 0) return null;
  const sameFlatFirst = flat ? [...open].sort((a, b) => Number(b.flat === flat) - Number(a.flat === flat)) : open;
  return (
    <Alert severity="warning" icon={false} sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <Link href={routeHref({ screen: 'building', id: buildingId })} sx={{ fontWeight: 500 }}>
        {t.intake.openHere(open.length)}
      </Link>
      <AppealMiniList appeals={sameFlatFirst.slice(0, 5)} {...(flat ? { highlightFlat: flat } : {})} />
    </Alert>
  );
}
