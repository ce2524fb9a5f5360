// The appeal's card: everything known about it and its history (the lifecycle issue adds actions).
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Chip, Divider, Link, Paper, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/api.js';
import { routeHref } from '../app/routing.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '200px 1fr', py: 0.5 }}>
      <Typography color="text.secondary">{label}</Typography>
      <Typography component="div">{children}</Typography>
    </Box>
  );
}

export function AppealCard({ id }: { id: string }) {
  const details = useQuery({ queryKey: ['appeal', id], queryFn: () => api.getAppeal({ id }) });

  if (details.isError) return <Alert severity="error">{details.error.message || t.card.notFound}</Alert>;
  if (!details.data) return null;
  const { appeal, events } = details.data;

  return (
    <Paper sx={{ p: 3, maxWidth: 960 }}>
      <Button href={routeHref({ screen: 'appeals' })} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t.card.back}
      </Button>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: "center" }}>
        <Typography variant="h5" component="h2">
          № {appeal.number}
        </Typography>
        <Chip label={t.statuses[appeal.status]} color="primary" variant="outlined" />
        <Chip label={t.categories[appeal.category]} />
      </Stack>
      <Field label={t.card.officialNumber}>{appeal.officialNumber ?? t.card.notAssigned}</Field>
      <Field label={t.card.address}>
        <Link href={routeHref({ screen: 'building', id: appeal.buildingId })}>{appeal.address}</Link>
      </Field>
      {appeal.flat && <Field label={t.card.flat}>{appeal.flat}</Field>}
      <Field label={t.card.district}>{appeal.district}</Field>
      <Field label={t.card.applicant}>{appeal.applicantName}</Field>
      {appeal.applicantPhone && <Field label={t.card.phone}>{appeal.applicantPhone}</Field>}
      <Field label={t.card.channel}>{t.channels[appeal.channel]}</Field>
      <Field label={t.card.description}>{appeal.description}</Field>
      <Field label={t.card.executor}>{appeal.executorName ?? t.card.noExecutor}</Field>
      <Field label={t.card.received}>{formatDateTime(appeal.receivedAt)}</Field>
      <Field label={t.card.registered}>
        {formatDateTime(appeal.registeredAt)} · {appeal.registeredBy}
      </Field>
      <Field label={t.card.deadline}>{formatDateTime(appeal.deadlineAt)}</Field>
      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" gutterBottom>
        {t.card.timeline}
      </Typography>
      <Box component="ol" sx={{ pl: 3, m: 0 }}>
        {events.map((e) => (
          <li key={e.id}>
            <Typography>
              {formatDateTime(e.at)} — {t.events[e.type] ?? e.type} · {e.by}
            </Typography>
          </li>
        ))}
      </Box>
    </Paper>
  );
}
