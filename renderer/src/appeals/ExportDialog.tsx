// «Экспорт в Excel» of a document: the appeals list (the filters on screen, the choice of residents'
// names and phones — only for roles with the right), «Сводка за день», «Отопительный сезон»; the
// progress of the job the core runs, and the finished file: downloaded from the browser shell, saved
// to Downloads in the Electron shell.
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  LinearProgress,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AppealExportFilters, StartExportInput } from '../../../shared/contract/export-schemas.js';
import { describeAppealFilters } from '../../../shared/exports/appeals-document.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

const E = t.exports;

export interface ExportDialogProps {
  readonly filters: AppealExportFilters;
  /** The list's count for these filters, shown before the job counts them itself. */
  readonly total: number;
  readonly onClose: () => void;
}

/** «Экспорт в Excel» of the appeals list with the filters on screen. */
export function ExportDialog({ filters, total, onClose }: ExportDialogProps) {
  return (
    <DocumentExportDialog
      title={E.title}
      intro={(counted) => E.willExport(counted ?? total)}
      details={`${E.filters}: ${describeAppealFilters(filters)}`}
      personalData
      request={(includePersonalData) => ({ document: 'appeals', filters, includePersonalData })}
      onClose={onClose}
    />
  );
}

export interface DocumentExportDialogProps {
  readonly title: string;
  /** What will be written; `counted` is the job's own count once it has one. */
  readonly intro: (counted: number | undefined) => string;
  /** The filters or the scope in words. */
  readonly details: string;
  /** Offers «Включить ФИО и телефоны заявителей» (documents that can hold them). */
  readonly personalData?: boolean;
  readonly request: (includePersonalData: boolean) => StartExportInput;
  readonly onClose: () => void;
}

/** Any document the core exports: start, progress, cancel, and the finished file for either shell. */
export function DocumentExportDialog({ title, intro, details, personalData = false, request, onClose }: DocumentExportDialogProps) {
  const queryClient = useQueryClient();
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const info = useQuery({ queryKey: ['appInfo'], queryFn: () => api.appInfo({}) });
  const permissions = useQuery({ queryKey: ['exports', 'permissions'], queryFn: () => api.exportPermissions({}), enabled: personalData });
  const start = useMutation({
    mutationFn: () => api.startExport(request(includePersonalData)),
    onSuccess: ({ jobId: id }) => setJobId(id),
  });
  const status = useQuery({
    queryKey: ['exports', 'status', jobId],
    queryFn: () => api.exportStatus({ jobId: jobId ?? '' }),
    enabled: jobId !== null,
    // The core's 'export' events drive the bar; the poll is the fallback if an event is missed.
    refetchInterval: (query) => (query.state.data?.state === 'running' || query.state.data === undefined ? 1000 : false),
  });
  useEffect(
    () =>
      api.onChange((event) => {
        if (event.entity === 'export' && jobId !== null && event.ids.includes(jobId)) {
          void queryClient.invalidateQueries({ queryKey: ['exports', 'status', jobId] });
        }
      }),
    [queryClient, jobId],
  );
  const cancel = useMutation({
    mutationFn: () => api.cancelExport({ jobId: jobId ?? '' }),
    onSuccess: (s) => queryClient.setQueryData(['exports', 'status', jobId], s),
  });
  const save = useMutation({ mutationFn: () => api.saveExport({ jobId: jobId ?? '' }) });
  const openFolder = useMutation({ mutationFn: () => api.showExportInFolder({ jobId: jobId ?? '' }) });

  const job = status.data;
  const running = start.isPending || (jobId !== null && (job === undefined || job.state === 'running'));
  const denied = permissions.data?.mayIncludePersonalData === false;
  const percent = job && job.total > 0 ? Math.round((job.written / job.total) * 100) : 0;
  const electron = info.data?.shell === 'electron';

  return (
    <Dialog open onClose={running ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="export-title">
      <DialogTitle id="export-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{intro(job?.total)}</DialogContentText>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {details}
        </Typography>
        {personalData && (
          <>
            <FormControlLabel
              control={
                <Checkbox
                  checked={includePersonalData}
                  onChange={(e) => setIncludePersonalData(e.target.checked)}
                  disabled={denied || jobId !== null || start.isPending}
                />
              }
              label={E.personalData}
            />
            <FormHelperText sx={{ mt: -0.5, mb: 2 }}>{denied ? permissions.data?.reason : E.personalDataHint}</FormHelperText>
          </>
        )}
        {start.isError && <Alert severity="error">{start.error.message}</Alert>}
        {running && (
          <Box data-testid="export-progress">
            <LinearProgress variant={job && job.total > 0 ? 'determinate' : 'indeterminate'} value={percent} />
            <Typography variant="body2" sx={{ mt: 1 }}>
              {job ? E.progress(job.written, job.total) : E.counting}
            </Typography>
          </Box>
        )}
        {job?.state === 'done' && (
          <Alert severity="success">
            {E.done}: {job.fileName}
            {save.data && <Box>{E.saved(save.data.path)}</Box>}
          </Alert>
        )}
        {job?.state === 'cancelled' && <Alert severity="info">{E.cancelled}</Alert>}
        {job?.state === 'failed' && (
          <Alert severity="error">
            {E.failed}: {job.error}
          </Alert>
        )}
        {(save.isError || openFolder.isError || cancel.isError) && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {(save.error ?? openFolder.error ?? cancel.error)?.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {jobId === null && (
          <>
            <Button onClick={onClose} disabled={start.isPending}>
              {E.close}
            </Button>
            <Button variant="contained" onClick={() => start.mutate()} disabled={start.isPending}>
              {E.start}
            </Button>
          </>
        )}
        {running && jobId !== null && (
          <Button color="warning" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            {E.cancel}
          </Button>
        )}
        {job?.state === 'done' &&
          (electron ? (
            <>
              <Button startIcon={<FileDownloadIcon />} onClick={() => save.mutate()} disabled={save.isPending}>
                {E.download}
              </Button>
              <Button startIcon={<FolderOpenIcon />} onClick={() => openFolder.mutate()} disabled={!save.data}>
                {E.openFolder}
              </Button>
            </>
          ) : (
            <Button startIcon={<FileDownloadIcon />} component="a" href={`/exports/${encodeURIComponent(job.jobId)}`} download={job.fileName}>
              {E.download}
            </Button>
          ))}
        {jobId !== null && !running && (
          <Button variant="contained" onClick={onClose}>
            {E.close}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
