// Screens addressed by the URL hash (#/new, #/appeals, #/appeals/<id>): works the same from
// file:// in Electron and from the local host in the browser shell.
import { useSyncExternalStore } from 'react';

export type Route = { screen: 'intake' } | { screen: 'appeals' } | { screen: 'appeal'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const appeal = /^\/appeals\/([^/]+)$/.exec(path);
  if (appeal?.[1]) return { screen: 'appeal', id: decodeURIComponent(appeal[1]) };
  if (path === '/appeals') return { screen: 'appeals' };
  return { screen: 'intake' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'intake':
      return '#/new';
    case 'appeals':
      return '#/appeals';
    case 'appeal':
      return `#/appeals/${encodeURIComponent(route.id)}`;
  }
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
