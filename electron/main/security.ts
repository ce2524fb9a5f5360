// Hardening that is not a BrowserWindow option: the Content-Security-Policy header, permissions, and
// the refusal of navigation, new windows and <webview> in every web contents the app ever creates.
import { app, type Session } from 'electron';
import type { AppUrl } from './app-url.js';
import { contentSecurityPolicy } from './csp.js';

export type BlockedReport = (what: string, url: string) => void;

/** CSP on every response, permissions denied except notifications for the app's own page. */
export function hardenSession(ses: Session, appUrl: AppUrl): void {
  const csp = contentSecurityPolicy(appUrl.devServerOrigin);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });

  // Notifications (deadline reminders) are the only web permission the app uses.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'notifications' && details.isMainFrame && appUrl.isAppUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission !== 'notifications' || !details.isMainFrame) return false;
    return details.requestingUrl ? appUrl.isAppUrl(details.requestingUrl) : appUrl.isAppOrigin(requestingOrigin);
  });
  ses.setDevicePermissionHandler(() => false);
}

/** For every web contents: no navigation away from the app, no new windows, no <webview>. Call before 'ready'. */
export function restrictWebContents(appUrl: AppUrl, report: BlockedReport): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      report('window.open', url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (appUrl.isAppUrl(event.url)) return;
      event.preventDefault();
      report('navigation', event.url);
    });
    contents.on('will-frame-navigate', (event) => {
      if (event.isMainFrame && appUrl.isAppUrl(event.url)) return;
      event.preventDefault();
      report('frame navigation', event.url);
    });
    contents.on('will-redirect', (event) => {
      if (appUrl.isAppUrl(event.url)) return;
      event.preventDefault();
      report('redirect', event.url);
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      report('webview', '');
    });
  });
}
