// Deadline alerts as native notifications in the Electron shell: the core raises each alert once
// (and never again after a restart); a click brings the window forward on «Сроки».
import { Notification, type BrowserWindow } from 'electron';
import { alertMessage } from '../../shared/domain/alert-message.js';
import type { Core } from '../core/core.js';

export function showAlertNotifications(core: Core, getWindow: () => BrowserWindow | null): () => void {
  return core.onChange((event) => {
    if (event.entity !== 'alert' || !event.alerts || event.alerts.length === 0) return;
    if (!Notification.isSupported()) {
      core.log.warn({ count: event.alerts.length }, 'deadline alerts raised, but notifications are not supported here');
      return;
    }
    const message = alertMessage(event.alerts);
    const notification = new Notification({ title: message.title, body: message.body, urgency: message.overdue ? 'critical' : 'normal' });
    notification.on('click', () => {
      const win = getWindow();
      if (!win || win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
      void win.webContents.executeJavaScript("location.hash = '#/due'").catch(() => undefined);
    });
    notification.show();
  });
}
