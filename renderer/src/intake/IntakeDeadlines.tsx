// The deadlines of the appeal being registered, shown as soon as the category is chosen and again
// when the priority or the channel changes: each kind
// with its moment in Samara time and the norm it comes from (the rules table of the core).
import { Box, Stack, Tooltip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type Control, useWatch } from 'react-hook-form';
import { api } from '../api/api.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import type { IntakeValues } from './intake-form-model.js';

export function IntakeDeadlines({ control }: { control: Control<IntakeValues> }) {
  const category = useWatch({ control, name: 'category' });
  const channel = useWatch({ control, name: 'channel' });
  const priority = useWatch({ control, name: 'priority' });
  const enabled = category !== '' && channel !== '';
  const preview = useQuery({
    queryKey: ['appeals', 'deadline-preview', category, priority, channel],
    queryFn: () =>
      api.previewDeadlines({
        category: category as Exclude<typeof category, ''>,
        ...(priority === '' ? {} : { priority }),
        channel: channel as Exclude<typeof channel, ''>,
      }),
    enabled,
    refetchInterval: 60_000,
  });
  if (!enabled || !preview.data) return null;
  const shown = preview.data.deadlines.filter((d) => d.at !== null);
  return (
    <Box component="section" aria-label={t.deadlines.previewTitle} data-testid="intake-deadlines" sx={{ mt: -1, mb: 1, px: 1.5, py: 1, bgcolor: 'action.hover', borderRadius: 1 }}>
      <Typography variant="subtitle2" gutterBottom>
        {t.deadlines.previewTitle}
      </Typography>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {shown.map((d) => (
          <Tooltip key={d.kind} title={d.source}>
            <Box data-testid={`intake-deadline-${d.kind}`}>
              <Typography variant="caption" color="text.secondary" component="div">
                {t.deadlines.kinds[d.kind]}
              </Typography>
              <Typography variant="body2" sx={{ fontWeight: d.kind === 'resolution' ? 600 : 400 }}>
                {formatDateTime(d.at ?? 0)} <Typography component="span" variant="caption" color="text.secondary">({ruleText(d.amount, d.unit)})</Typography>
              </Typography>
            </Box>
          </Tooltip>
        ))}
      </Stack>
    </Box>
  );
}

export function ruleText(amount: number, unit: keyof typeof t.deadlines.units): string {
  if (unit === 'end_of_day' || unit === 'none') return t.deadlines.units[unit];
  return `${amount} ${t.deadlines.units[unit]}`;
}
