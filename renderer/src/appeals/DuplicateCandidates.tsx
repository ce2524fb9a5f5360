// Under «Исходное обращение» in «Отметить дубликатом»: the other appeals still open at the same
// building, the caller's flat first — a duplicate is almost always one of them. A click (or Enter)
// puts its number into the field; any other number can still be typed.
import { Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { Appeal } from '../../../shared/contract/schemas.js';
import { isOnControl } from '../../../shared/domain/appeal-vocabulary.js';
import { api } from '../api/api.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const L = t.lifecycle;
const MAX_SHOWN = 6;

/** Open appeals at the building other than this one, the same flat first, then the oldest first. */
export function duplicateCandidates(appeal: Appeal, atBuilding: readonly Appeal[]): Appeal[] {
  return atBuilding
    .filter((a) => a.id !== appeal.id && isOnControl(a.status))
    .sort((a, b) => {
      const flat = Number(Boolean(appeal.flat) && b.flat === appeal.flat) - Number(Boolean(appeal.flat) && a.flat === appeal.flat);
      return flat !== 0 ? flat : a.receivedAt - b.receivedAt;
    })
    .slice(0, MAX_SHOWN);
}

export function DuplicateCandidates({ appeal, onChoose }: { appeal: Appeal; onChoose: (number: string) => void }) {
  const building = useQuery({ queryKey: ['buildings', 'card', appeal.buildingId], queryFn: () => api.getBuildingCard({ id: appeal.buildingId }) });
  const candidates = building.data ? duplicateCandidates(appeal, building.data.appeals) : [];
  if (!building.data) return null;
  return (
    <Stack spacing={0.5} role="group" aria-label={L.duplicateCandidates.title}>
      <Typography variant="body2" color="text.secondary">
        {candidates.length > 0 ? L.duplicateCandidates.title : L.duplicateCandidates.none}
      </Typography>
      {candidates.map((a) => (
        <Button
          key={a.id}
          size="small"
          variant="outlined"
          sx={{ justifyContent: 'flex-start', textTransform: 'none', textAlign: 'left' }}
          onClick={() => onChoose(a.officialNumber ?? a.number)}
        >
          {L.duplicateCandidates.row(a.officialNumber ?? a.number, a.flat, t.categories[a.category], t.statuses[a.status], formatDateTime(a.receivedAt))}
        </Button>
      ))}
    </Stack>
  );
}
