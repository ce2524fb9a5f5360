// The appeal's card: everything known about it, the actions the current status and role allow
// (each a dialog with that action's data), the timeline with each event's data, the call log,
// repeated calls, and «Печать»: an A4 card through the print dialog (PDF in the browser shell).
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PhoneIcon from '@mui/icons-material/Phone';
import PrintIcon from '@mui/icons-material/Print';
import {
  Alert,
  Box,
  Button,
  Chip,
  Divider,
  GlobalStyles,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { LinkedAppeal } from '../../../shared/contract/lifecycle-schemas.js';
import type { WorkflowAction } from '../../../shared/domain/workflow.js';
import { api } from '../api/api.js';
import { routeHref } from '../app/routing.js';
import { SavePdfButton } from '../app/SavePdfButton.js';
import { TableHeadRow } from '../app/table-head.js';
import { useNow } from '../app/use-now.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { ActionDialog } from './ActionDialog.js';
import { AppealDeadlines } from './AppealDeadlines.js';
import { PriorityChip } from './PriorityChip.js';
import { LogCallDialog } from './CallDialogs.js';
import { eventDetails, eventTitle } from './event-text.js';
import { formatPhone } from '../../../shared/domain/phone.js';

const L = t.lifecycle;

/** A4 on paper: only the card, no frame, no buttons. */
const PRINT_STYLES = (
  <GlobalStyles
    styles={{
      '@media print': {
        '@page': { size: 'A4', margin: '15mm' },
        'header, nav, .MuiAppBar-root, .MuiDrawer-root, .no-print': { display: 'none !important' },
        'main': { padding: '0 !important' },
        'main > .MuiToolbar-root': { display: 'none !important' },
        '.appeal-card': { boxShadow: 'none !important', maxWidth: 'none !important', padding: '0 !important' },
        '.print-only': { display: 'block !important' },
        body: { background: '#fff' },
        'li, tr': { breakInside: 'avoid' },
      },
    }}
  />
);

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '200px 1fr', py: 0.5 }}>
      <Typography color="text.secondary">{label}</Typography>
      <Typography component="div">{children}</Typography>
    </Box>
  );
}

function LinkedAppealLink({ appeal }: { appeal: LinkedAppeal }) {
  return (
    <Link href={routeHref({ screen: 'appeal', id: appeal.id })}>
      {L.card.linked(appeal.officialNumber ?? appeal.number, appeal.flat, t.statuses[appeal.status])}
    </Link>
  );
}

export function AppealCard({ id }: { id: string }) {
  const card = useQuery({ queryKey: ['appeal', id, 'card'], queryFn: () => api.getAppealCard({ id }) });
  const [dialog, setDialog] = useState<WorkflowAction | 'call' | null>(null);
  const nowMs = useNow(15_000);
  const [notice, setNotice] = useState<{ text: string; severity: 'success' | 'warning' } | null>(null);

  if (card.isError) return <Alert severity="error">{card.error.message || t.card.notFound}</Alert>;
  if (!card.data) return null;
  const view = card.data;
  const { appeal, events } = view;
  // The server refused this appeal's registration (sync): it is real on this workstation only.
  const registrationRefused = events.find((e) => e.type === 'sync_rejected' && e.data['command'] === 'register_appeal');

  return (
    <Paper className="appeal-card" sx={{ p: 3, maxWidth: 960 }}>
      {PRINT_STYLES}
      <Stack direction="row" className="no-print" sx={{ mb: 1, justifyContent: 'space-between' }}>
        <Button href={routeHref({ screen: 'appeals' })} startIcon={<ArrowBackIcon />}>
          {t.card.back}
        </Button>
        <Stack direction="row" spacing={1}>
          <Button startIcon={<PrintIcon />} onClick={() => window.print()}>
            {L.card.print}
          </Button>
          <SavePdfButton fileName={L.card.pdfFileName(appeal.officialNumber ?? appeal.number)} hint={false} />
        </Stack>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
        <Typography variant="h5" component="h2">
          № {appeal.officialNumber ?? appeal.number}
        </Typography>
        <Chip label={t.statuses[appeal.status]} color="primary" variant="outlined" data-testid="appeal-status" />
        <Chip label={t.categories[appeal.category]} />
        <PriorityChip priority={appeal.priority} />
      </Stack>

      {registrationRefused && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="registration-refused">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {t.sync.rejected.registrationRefused}
          </Typography>
          <Typography variant="body2">
            {t.sync.rejected.why}: {String(registrationRefused.data['message'] ?? '')}
          </Typography>
          <Typography variant="body2">
            {t.sync.rejected.todo}: {String(registrationRefused.data['userAction'] ?? '')}
          </Typography>
          <Link href={routeHref({ screen: 'conflicts' })}>{t.sync.rejected.open}</Link>
        </Alert>
      )}
      <Box className="no-print" sx={{ mb: 2 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="toolbar" aria-label={L.card.actionsTitle}>
          {view.actions.map((action) => (
            <Button key={action} variant={action === 'reject' || action === 'mark_duplicate' ? 'outlined' : 'contained'} onClick={() => setDialog(action)}>
              {L.actions[action]}
            </Button>
          ))}
          <Button variant="outlined" startIcon={<PhoneIcon />} onClick={() => setDialog('call')}>
            {L.card.logCall}
          </Button>
        </Stack>
        <Typography variant="caption" color="text.secondary">
          {view.actions.length === 0 ? `${L.card.noActions}. ` : ''}
          {L.card.whoAmI(view.actor.userId, L.roles[view.actor.role], view.actor.district)}
        </Typography>
        {notice && (
          <Alert severity={notice.severity} onClose={() => setNotice(null)} sx={{ mt: 1 }} role="status">
            {notice.text}
          </Alert>
        )}
      </Box>

      <Field label={t.card.officialNumber}>{appeal.officialNumber ?? t.card.notAssigned}</Field>
      {appeal.officialNumber && <Field label={t.card.provisionalNumber}>{appeal.number}</Field>}
      <Field label={t.card.address}>
        <Link href={routeHref({ screen: 'building', id: appeal.buildingId })}>{appeal.address}</Link>
      </Field>
      {appeal.flat && <Field label={t.card.flat}>{appeal.flat}</Field>}
      <Field label={t.card.district}>{appeal.district}</Field>
      <Field label={t.card.applicant}>{appeal.applicantName}</Field>
      {appeal.applicantPhone && <Field label={t.card.phone}>{formatPhone(appeal.applicantPhone)}</Field>}
      <Field label={t.card.channel}>{t.channels[appeal.channel]}</Field>
      <Field label={t.card.category}>{t.categories[appeal.category]}</Field>
      <Field label={t.priority.label}>{t.priority.labels[appeal.priority]}</Field>
      <Field label={t.card.description}>{appeal.description}</Field>
      <Field label={t.card.status}>{t.statuses[appeal.status]}</Field>
      {view.duplicateOf && (
        <Field label={L.card.duplicateOf}>
          <LinkedAppealLink appeal={view.duplicateOf} />
        </Field>
      )}
      {view.duplicates.length > 0 && (
        <Field label={`${L.card.duplicates} (${view.duplicates.length})`}>
          <Box component="ul" sx={{ m: 0, pl: 0, listStyle: 'none' }} aria-label={L.card.duplicates}>
            {view.duplicates.map((d) => (
              <li key={d.id}>
                <LinkedAppealLink appeal={d} />
              </li>
            ))}
          </Box>
        </Field>
      )}
      <Field label={t.card.executor}>{appeal.executorName ?? t.card.noExecutor}</Field>
      <Field label={t.card.received}>{formatDateTime(appeal.receivedAt)}</Field>
      <Field label={t.card.registered}>
        {formatDateTime(appeal.registeredAt)} · {appeal.registeredBy}
      </Field>
      <Field label={L.card.repeated}>{L.card.repeatedCounts(view.repeatedCalls.length, view.buildingRepeatedCalls)}</Field>

      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" gutterBottom>
        {t.priority.cardDeadlines}
      </Typography>
      <AppealDeadlines deadlines={view.deadlines} nowMs={nowMs} />

      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" gutterBottom>
        {t.card.timeline}
      </Typography>
      <Box component="ol" sx={{ pl: 3, m: 0 }} aria-label={t.card.timeline}>
        {events.map((e) => {
          const details = eventDetails(e);
          return (
            <li key={e.id}>
              <Typography>
                {formatDateTime(e.at)} — <b>{eventTitle(e)}</b> · {e.by}
              </Typography>
              {details.length > 0 && (
                <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
                  {details.join(' · ')}
                </Typography>
              )}
            </li>
          );
        })}
      </Box>

      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" gutterBottom>
        {L.card.calls}
      </Typography>
      {view.calls.length === 0 ? (
        <Typography color="text.secondary">{L.card.noCalls}</Typography>
      ) : (
        <Table size="small" aria-label={L.card.calls}>
          <TableHeadRow columns={[L.fields.at, L.fields.direction, L.fields.result, L.fields.note, t.card.registeredBy]} />
          <TableBody>
            {view.calls.map((c, i) => (
              <TableRow key={i}>
                <TableCell>{formatDateTime(c.at)}</TableCell>
                <TableCell>{L.callDirections[c.direction]}</TableCell>
                <TableCell>{L.callResults[c.result]}</TableCell>
                <TableCell>{c.note}</TableCell>
                <TableCell>{c.by}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Divider sx={{ my: 2 }} />
      <Typography variant="h6" component="h3" gutterBottom>
        {L.card.repeated} ({view.repeatedCalls.length})
      </Typography>
      {view.repeatedCalls.length === 0 ? (
        <Typography color="text.secondary">{L.card.noRepeated}</Typography>
      ) : (
        <Box component="ul" sx={{ pl: 3, m: 0 }} aria-label={L.card.repeated}>
          {view.repeatedCalls.map((r, i) => (
            <li key={i}>
              <Typography>
                {formatDateTime(r.at)} — {r.applicantName}
                {r.flat ? `, кв. ${r.flat}` : ''}
                {r.applicantPhone ? `, ${formatPhone(r.applicantPhone)}` : ''} · {t.channels[r.channel]}
                {r.note ? ` · ${r.note}` : ''}
              </Typography>
            </li>
          ))}
        </Box>
      )}
      <Typography className="print-only" sx={{ display: 'none', mt: 3, fontSize: 12 }}>
        {L.card.printedAt}: {formatDateTime(nowMs)} · {view.actor.userId} · {L.card.version} {appeal.version}
      </Typography>

      {dialog === 'call' && <LogCallDialog appealId={appeal.id} number={appeal.number} nowMs={nowMs} onClose={() => setDialog(null)} />}
      {dialog && dialog !== 'call' && (
        <ActionDialog
          key={dialog}
          action={dialog}
          card={view}
          nowMs={nowMs}
          onClose={() => setDialog(null)}
          onDone={(text) => {
            setDialog(null);
            setNotice({ text, severity: text === L.card.checkFailed ? 'warning' : 'success' });
          }}
        />
      )}
    </Paper>
  );
}
