// Bulk actions on the appeals chosen in «Обращения»: «Передать исполнителям» (each to its default
// executor, through the system) and «Назначить исполнителя» (one organisation for all), each
// reporting per appeal what was done or why it was refused.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BulkResult } from '../../../shared/contract/lifecycle-schemas.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

const B = t.lifecycle.bulk;

function AssignDialog({ onClose, onChoose }: { onClose: () => void; onChoose: (orgId: string) => void }) {
  const organisations = useQuery({ queryKey: ['organisations', 'all'], queryFn: () => api.listOrganisations({}) });
  const [orgId, setOrgId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!orgId) setError(t.lifecycle.required.executor);
    else onChoose(orgId);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="assign-title">
      <DialogTitle id="assign-title">{B.assignTitle}</DialogTitle>
      <DialogContent>
        <TextField
          select
          autoFocus
          fullWidth
          sx={{ mt: 1 }}
          label={t.lifecycle.fields.executor}
          value={orgId}
          onChange={(e) => {
            setOrgId(e.target.value);
            setError(null);
          }}
          error={Boolean(error)}
          helperText={error ?? ' '}
        >
          {(organisations.data ?? []).map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.name}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.lifecycle.cancel}</Button>
        <Button variant="contained" onClick={submit}>
          {B.assign}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ResultsDialog({ results, onClose }: { results: BulkResult; onClose: () => void }) {
  const ok = results.filter((r) => r.ok).length;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="bulk-results-title">
      <DialogTitle id="bulk-results-title">
        {B.resultsTitle}: {B.summary(ok, results.length - ok)}
      </DialogTitle>
      <DialogContent>
        <Table size="small" aria-label={B.resultsTitle}>
          <TableBody>
            {results.map((r) => (
              <TableRow key={r.appealId}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>№ {r.number}</TableCell>
                <TableCell sx={{ color: r.ok ? 'success.main' : 'error.main', whiteSpace: 'nowrap' }}>{r.ok ? B.ok : B.refused}</TableCell>
                <TableCell>{r.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} autoFocus>
          {B.close}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function BulkActions({ selected, onDone }: { selected: readonly string[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [assigning, setAssigning] = useState(false);
  const [results, setResults] = useState<BulkResult | null>(null);
  const mutation = useMutation({
    mutationFn: (executorOrgId: string | null) => api.bulkTransfer({ appealIds: [...selected], executorOrgId, method: 'system' }),
    onSuccess: async (r) => {
      setResults(r);
      await queryClient.invalidateQueries({ queryKey: ['appeals'] });
      await queryClient.invalidateQueries({ queryKey: ['appeal'] });
    },
  });
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center', minHeight: 36 }} role="toolbar" aria-label={B.selected(selected.length)}>
        <Typography sx={{ mr: 1 }}>{B.selected(selected.length)}</Typography>
        <Button variant="contained" size="small" disabled={selected.length === 0 || mutation.isPending} onClick={() => mutation.mutate(null)}>
          {B.transfer}
        </Button>
        <Button variant="outlined" size="small" disabled={selected.length === 0 || mutation.isPending} onClick={() => setAssigning(true)}>
          {B.assign}
        </Button>
        {mutation.isError && <Alert severity="error">{mutation.error.message}</Alert>}
      </Stack>
      {assigning && (
        <AssignDialog
          onClose={() => setAssigning(false)}
          onChoose={(orgId) => {
            setAssigning(false);
            mutation.mutate(orgId);
          }}
        />
      )}
      {results && (
        <ResultsDialog
          results={results}
          onClose={() => {
            setResults(null);
            onDone();
          }}
        />
      )}
    </>
  );
}
