// «Теплом обеспечено N из M домов» as bars, one per district or management organisation, the weakest
// first, with the partial, problem and not connected buildings counted beside each bar.
import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import type { HeatingGroup, HeatingProgress } from '../../../shared/contract/heating-schemas.js';
import { t } from '../i18n/ru.js';

function Bar({ label, tally, strong = false }: { label: string; tally: Omit<HeatingGroup, 'key' | 'label'>; strong?: boolean }) {
  const share = tally.total === 0 ? 0 : (100 * tally.connected) / tally.total;
  const color = share >= 95 ? 'success' : share >= 85 ? 'primary' : 'warning';
  return (
    <Box component="li" sx={{ listStyle: 'none', py: 0.75 }} aria-label={`${label}: ${t.heating.provided(tally)}`}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography sx={{ fontWeight: strong ? 600 : 500 }}>{label}</Typography>
        <Typography sx={{ whiteSpace: 'nowrap' }} data-testid="heating-provided">
          {t.heating.provided(tally)} · {t.heating.percent(Math.floor(share))}
        </Typography>
      </Stack>
      <LinearProgress variant="determinate" value={share} color={color} sx={{ height: 10, borderRadius: 1, my: 0.5 }} />
      <Typography variant="body2" color="text.secondary">
        {[
          t.heating.partial(tally.partial),
          t.heating.problem(tally.problem),
          t.heating.notConnected(tally.notConnected),
          ...(tally.noStatus > 0 ? [t.heating.noStatus(tally.noStatus)] : []),
        ].join(' · ')}
      </Typography>
    </Box>
  );
}

export function HeatingProgressBars({ progress }: { progress: HeatingProgress }) {
  return (
    <Box component="ul" sx={{ p: 0, m: 0 }} aria-label={t.heating.groupBy[progress.groupBy]}>
      {progress.groups.length > 1 && <Bar label={progress.district ?? t.heating.allCity} tally={progress.all} strong />}
      {progress.groups.map((g) => (
        <Bar key={g.key ?? ''} label={g.label} tally={g} />
      ))}
    </Box>
  );
}
