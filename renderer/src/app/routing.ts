// Screens addressed by the URL hash (#/new, #/appeals, #/appeals/<id>, #/control, #/buildings/<id>,
// #/import, #/due, #/heating, #/summary, #/close-day, #/summary/print?day=…&district=…): works the same from file:// in Electron and from the local host in the browser shell.
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'incidents' }
  | { screen: 'heating' }
  | { screen: 'incident'; id: string }
  | { screen: 'intake'; buildingId?: string }
  | { screen: 'appeals' }
  | { screen: 'appeal'; id: string }
  | { screen: 'control' }
  | { screen: 'building'; id: string }
  | { screen: 'deadlines' }
  | { screen: 'import' }
  | { screen: 'due' }
  | { screen: 'conflicts' }
  | { screen: 'summary' }
  /** «Закрыть день»: the user's district, or (the Department) the nine districts. */
  | { screen: 'closeDay' }
  /** «Сводка за день» laid out for A4 (print, PDF); without a day: today; without a district: the user's scope. */
  | { screen: 'summaryPrint'; day?: string; district?: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const incident = /^\/incidents\/([^/]+)$/.exec(path);
  if (incident?.[1]) return { screen: 'incident', id: decodeURIComponent(incident[1]) };
  if (path === '/incidents') return { screen: 'incidents' };
  if (path === '/heating') return { screen: 'heating' };
  const appeal = /^\/appeals\/([^/]+)$/.exec(path);
  if (appeal?.[1]) return { screen: 'appeal', id: decodeURIComponent(appeal[1]) };
  const building = /^\/buildings\/([^/]+)$/.exec(path);
  if (building?.[1]) return { screen: 'building', id: decodeURIComponent(building[1]) };
  if (path === '/appeals') return { screen: 'appeals' };
  if (path === '/control') return { screen: 'control' };
  if (path === '/import') return { screen: 'import' };
  if (path === '/due') return { screen: 'due' };
  if (path === '/conflicts') return { screen: 'conflicts' };
  if (path === '/summary') return { screen: 'summary' };
  if (path === '/close-day') return { screen: 'closeDay' };
  const summaryPrint = /^\/summary\/print(?:\?(.*))?$/.exec(path);
  if (summaryPrint) {
    const query = new URLSearchParams(summaryPrint[1] ?? '');
    const day = query.get('day');
    const district = query.get('district');
    return { screen: 'summaryPrint', ...(day ? { day } : {}), ...(district ? { district } : {}) };
  }
  if (path === '/deadlines') return { screen: 'deadlines' };
  const intakeAt = /^\/new\?building=([^&]+)$/.exec(path);
  if (intakeAt?.[1]) return { screen: 'intake', buildingId: decodeURIComponent(intakeAt[1]) };
  return { screen: 'intake' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'incidents':
      return '#/incidents';
    case 'heating':
      return '#/heating';
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.id)}`;
    case 'intake':
      return route.buildingId ? `#/new?building=${encodeURIComponent(route.buildingId)}` : '#/new';
    case 'appeals':
      return '#/appeals';
    case 'appeal':
      return `#/appeals/${encodeURIComponent(route.id)}`;
    case 'control':
      return '#/control';
    case 'building':
      return `#/buildings/${encodeURIComponent(route.id)}`;
    case 'deadlines':
      return '#/deadlines';
    case 'import':
      return '#/import';
    case 'due':
      return '#/due';
    case 'conflicts':
      return '#/conflicts';
    case 'summary':
      return '#/summary';
    case 'closeDay':
      return '#/close-day';
    case 'summaryPrint': {
      const query = new URLSearchParams({ ...(route.day ? { day: route.day } : {}), ...(route.district ? { district: route.district } : {}) }).toString();
      return `#/summary/print${query ? `?${query}` : ''}`;
    }
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
