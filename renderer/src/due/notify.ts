// Browser notifications for deadline alerts: allowed or not, and asking for them.
export { alertMessage, type AlertMessage } from '../../../shared/domain/alert-message.js';

/** The browser shell may show system notifications once the user has allowed them. */
export function browserNotificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

export function canAskBrowserNotifications(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'default';
}

export async function askBrowserNotifications(): Promise<void> {
  if (typeof Notification !== 'undefined') await Notification.requestPermission();
}
