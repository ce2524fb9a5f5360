// Shows the deadline alerts the core raises (change events of entity 'alert', each alert once).
// The Electron shell shows them as native notifications from its main process, so here nothing;
// the browser shell shows a system notification if the user allowed them, else an in-app notice.
import CloseIcon from '@mui/icons-material/Close';
import { Alert, AlertTitle, Button, IconButton, Snackbar } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/api.js';
import { navigate } from '../app/routing.js';
import { t } from '../i18n/ru.js';
import { alertMessage, browserNotificationsAllowed, type AlertMessage } from './notify.js';

export function DeadlineAlerts() {
  const info = useQuery({ queryKey: ['appInfo'], queryFn: () => api.appInfo({}) });
  const shell = info.data?.shell;
  const [notice, setNotice] = useState<(AlertMessage & { key: number }) | null>(null);

  useEffect(() => {
    if (shell !== 'browser') return undefined;
    return api.onChange((event) => {
      if (event.entity !== 'alert' || !event.alerts || event.alerts.length === 0) return;
      const message = alertMessage(event.alerts);
      if (browserNotificationsAllowed()) {
        const n = new Notification(message.title, { body: message.body, tag: `deadline-${event.alerts[0]?.notifiedAt ?? 0}` });
        n.onclick = () => {
          window.focus();
          navigate({ screen: 'due' });
        };
      } else setNotice({ ...message, key: Date.now() });
    });
  }, [shell]);

  const close = () => setNotice(null);
  return (
    <Snackbar
      key={notice?.key}
      className="no-print"
      open={notice !== null}
      onClose={(_, reason) => reason !== 'clickaway' && close()}
      autoHideDuration={30_000}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
    >
      <Alert
        severity={notice?.overdue ? 'error' : 'warning'}
        variant="filled"
        data-testid="deadline-alert"
        action={
          <>
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                close();
                navigate({ screen: 'due' });
              }}
            >
              {t.due.open}
            </Button>
            <IconButton color="inherit" size="small" aria-label={t.due.close} onClick={close}>
              <CloseIcon fontSize="small" />
            </IconButton>
          </>
        }
        sx={{ whiteSpace: 'pre-line', minWidth: 320 }}
      >
        <AlertTitle>{notice?.title}</AlertTitle>
        {notice?.body}
      </Alert>
    </Snackbar>
  );
}
