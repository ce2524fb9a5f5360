// «Сохранить PDF» for a printable screen (the appeal card, the print view of «Сводка за день»): in the
// Electron shell the core prints the window to an A4 PDF in Downloads (savePrintedPdf); the browser
// shell has no such printer, so the button opens the browser's print dialog and says to choose
// «Сохранить как PDF» there.
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Alert, Button, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

const P = t.exports.print;

export function SavePdfButton({ fileName, disabled = false, hint = true }: { fileName: string; disabled?: boolean; hint?: boolean }) {
  const info = useQuery({ queryKey: ['appInfo'], queryFn: () => api.appInfo({}) });
  const save = useMutation({ mutationFn: () => api.savePrintedPdf({ fileName }) });
  const electron = info.data?.shell === 'electron';
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<PictureAsPdfIcon />}
        disabled={disabled || save.isPending}
        title={electron ? undefined : P.browserHint}
        onClick={() => (electron ? save.mutate() : window.print())}
      >
        {P.savePdf}
      </Button>
      {hint && !electron && info.data && <Typography color="text.secondary" sx={{ fontSize: 14 }}>{P.browserHint}</Typography>}
      {save.data && <Alert severity="success">{P.saved(save.data.path)}</Alert>}
      {save.isError && <Alert severity="error">{save.error.message}</Alert>}
    </>
  );
}
