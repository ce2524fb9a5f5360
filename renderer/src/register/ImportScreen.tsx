// «Импорт реестра»: choose a CSV or XLSX register, watch its progress, read the summary — or every
// bad row with its reason, since a file with any bad row imports nothing.
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ImportResult } from '../../../shared/contract/register-schemas.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';
import { fileToBase64, ImportRowErrors, MAX_IMPORT_FILE_BYTES } from './import-parts.js';

export function ImportScreen() {
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: async (chosen: File): Promise<ImportResult> =>
      api.importRegister({ fileName: chosen.name, contentBase64: await fileToBase64(chosen) }),
  });
  const progress = useQuery({
    queryKey: ['import', 'progress'],
    queryFn: () => api.importProgress({}),
    enabled: run.isPending,
    refetchInterval: run.isPending ? 300 : false,
  });

  const choose = (chosen: File | null) => {
    setLocalError(null);
    run.reset();
    if (chosen && chosen.size > MAX_IMPORT_FILE_BYTES) {
      setFile(null);
      setLocalError(t.importScreen.tooLarge);
      return;
    }
    setFile(chosen);
  };

  const p = progress.data;
  const result = run.data;

  return (
    <Paper sx={{ p: 3, maxWidth: 1000 }}>
      <Typography variant="h5" component="h2" gutterBottom>
        {t.importScreen.title}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t.importScreen.intro}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          aria-label={t.importScreen.choose}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => fileInput.current?.click()} disabled={run.isPending}>
          {t.importScreen.choose}
        </Button>
        {file && <Typography>{t.importScreen.chosen(file.name, Math.ceil(file.size / 1024))}</Typography>}
        <Button variant="contained" disabled={!file || run.isPending} onClick={() => file && run.mutate(file)}>
          {t.importScreen.start}
        </Button>
      </Stack>
      {localError && <Alert severity="error">{localError}</Alert>}
      {run.isPending && (
        <Box sx={{ my: 2 }} role="progressbar" aria-label={t.importScreen.title}>
          <Typography sx={{ mb: 1 }}>
            {t.importScreen.stages[p?.stage ?? 'reading']}
            {p && p.total > 0
              ? ` — ${p.stage === 'reading' ? t.importScreen.percent(Math.round((100 * p.done) / p.total)) : t.importScreen.progress(p.done, p.total)}`
              : ''}
          </Typography>
          <LinearProgress
            variant={p && p.total > 0 ? 'determinate' : 'indeterminate'}
            value={p && p.total > 0 ? (100 * p.done) / p.total : 0}
          />
        </Box>
      )}
      {run.isError && <Alert severity="error">{run.error.message}</Alert>}
      {result?.ok === true && (
        <Alert severity="success" role="status">
          {t.importScreen.success(result.rows, result.added, result.updated, result.unchanged)}
        </Alert>
      )}
      {result?.ok === false && (
        <>
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {result.fileError ? `${t.importScreen.fileFailed}: ${result.fileError}` : t.importScreen.failed(result.errors.length)}
          </Alert>
          <ImportRowErrors
            errors={result.errors}
            labels={{
              caption: t.importScreen.failed(result.errors.length),
              row: t.importScreen.row,
              reason: t.importScreen.reason,
              more: t.importScreen.moreErrors,
            }}
          />
        </>
      )}
    </Paper>
  );
}
