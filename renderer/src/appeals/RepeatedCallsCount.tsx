// Repeated calls at a building (the address card): counted over the appeals' events.
import { Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

export function RepeatedCallsCount({ buildingId }: { buildingId: string }) {
  const count = useQuery({ queryKey: ['buildings', 'repeatedCalls', buildingId], queryFn: () => api.buildingRepeatedCalls({ buildingId }) });
  if (!count.data) return null;
  return (
    <Typography color="text.secondary" data-testid="building-repeated-calls">
      · {t.lifecycle.card.repeated}: {count.data.count}
    </Typography>
  );
}
