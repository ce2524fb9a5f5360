// The deadline counts in the app frame: overdue (red), due within the hour (amber), due today;
// a click opens «Сроки».
import { Box, ButtonBase, Tooltip, Typography } from '@mui/material';
import { routeHref } from '../app/routing.js';
import { t } from '../i18n/ru.js';
import { useDueCounts } from './due-queries.js';

export function DueBadge() {
  const counts = useDueCounts();
  if (!counts.data) return null;
  const { overdue, withinHour, today } = counts.data;
  const items = [
    { key: 'overdue', label: t.due.badgeOverdue, value: overdue, bg: overdue > 0 ? 'error.main' : 'rgba(255,255,255,0.15)' },
    { key: 'hour', label: t.due.badgeWithinHour, value: withinHour, bg: withinHour > 0 ? 'warning.main' : 'rgba(255,255,255,0.15)' },
    { key: 'today', label: t.due.badgeToday, value: today, bg: 'rgba(255,255,255,0.15)' },
  ];
  return (
    <Tooltip title={t.due.badgeHint}>
      <ButtonBase
        component="a"
        href={routeHref({ screen: 'due' })}
        aria-label={t.due.badgeLabel(overdue, withinHour, today)}
        data-testid="due-badge"
        sx={{ ml: 2, borderRadius: 1, px: 0.5, py: 0.25, gap: 0.75, color: 'inherit' }}
      >
        {items.map((i) => (
          <Box key={i.key} data-testid={`due-badge-${i.key}`} sx={{ display: 'flex', alignItems: 'center', gap: 0.5, bgcolor: i.bg, borderRadius: 1, px: 0.75, py: 0.25 }}>
            <Typography component="span" sx={{ fontSize: 12, opacity: 0.9 }}>
              {i.label}
            </Typography>
            <Typography component="span" sx={{ fontSize: 13, fontWeight: 700 }}>
              {i.value}
            </Typography>
          </Box>
        ))}
      </ButtonBase>
    </Tooltip>
  );
}
