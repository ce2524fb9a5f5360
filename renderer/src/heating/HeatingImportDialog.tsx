// «Загрузить статусы»: a supplier's CSV or XLSX file, its progress, then the result — or every bad
// row with its reason, since a file with any bad row changes nothing.
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ImportHeatingResult } from '../../../shared/contract/heating-schemas.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';
import { fileToBase64, ImportRowErrors, MAX_IMPORT_FILE_BYTES } from '../register/import-parts.js';

export function HeatingImportDialog({ onClose }: { onClose: () => void }) {
  const s = t.heating.import;
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const run = useMutation({
    mutationFn: async (chosen: File): Promise<ImportHeatingResult> =>
      api.importHeating({ fileName: chosen.name, contentBase64: await fileToBase64(chosen) }),
  });
  const progress = useQuery({
    queryKey: ['heating', 'import', 'progress'],
    queryFn: () => api.heatingImportProgress({}),
    enabled: run.isPending,
    refetchInterval: run.isPending ? 300 : false,
  });
  const choose = (chosen: File | null) => {
    run.reset();
    setTooLarge(chosen !== null && chosen.size > MAX_IMPORT_FILE_BYTES);
    setFile(chosen && chosen.size <= MAX_IMPORT_FILE_BYTES ? chosen : null);
  };
  const p = progress.data;
  const result = run.data;

  return (
    <Dialog open onClose={() => !run.isPending && onClose()} fullWidth maxWidth="md">
      <DialogTitle>{s.title}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {s.intro}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hidden
            aria-label={s.choose}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
          <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => fileInput.current?.click()} disabled={run.isPending} autoFocus>
            {s.choose}
          </Button>
          {file && <Typography>{s.chosen(file.name, Math.ceil(file.size / 1024))}</Typography>}
        </Stack>
        {tooLarge && <Alert severity="error">{s.tooLarge}</Alert>}
        {run.isPending && (
          <Box sx={{ my: 2 }} role="progressbar" aria-label={s.title}>
            <Typography sx={{ mb: 1 }}>
              {s.stages[p?.stage ?? 'reading']}
              {p && p.total > 0
                ? ` — ${p.stage === 'reading' ? s.percentRead(Math.round((100 * p.done) / p.total)) : s.progress(p.done, p.total)}`
                : ''}
            </Typography>
            <LinearProgress variant={p && p.total > 0 ? 'determinate' : 'indeterminate'} value={p && p.total > 0 ? (100 * p.done) / p.total : 0} />
          </Box>
        )}
        {run.isError && <Alert severity="error">{run.error.message}</Alert>}
        {result?.ok === true && (
          <Alert severity="success" role="status">
            {s.success(result.rows, result.changed, result.unchanged)}
          </Alert>
        )}
        {result?.ok === false && (
          <>
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {result.fileError ? `${s.fileFailed}: ${result.fileError}` : s.failed(result.errors.length)}
            </Alert>
            <ImportRowErrors
              errors={result.errors}
              labels={{ caption: s.failed(result.errors.length), row: s.row, reason: s.reason, more: s.moreErrors }}
            />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={run.isPending}>
          {s.close}
        </Button>
        <Button variant="contained" disabled={!file || run.isPending} onClick={() => file && run.mutate(file)}>
          {s.start}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
