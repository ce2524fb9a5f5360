// The app frame: a header, the navigation to the screens that work, and the current screen.
import AddIcCallIcon from '@mui/icons-material/AddIcCall';
import ListAltIcon from '@mui/icons-material/ListAlt';
import LocationCityIcon from '@mui/icons-material/LocationCity';
import AlarmIcon from '@mui/icons-material/Alarm';
import EventNoteIcon from '@mui/icons-material/EventNote';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import WhatshotIcon from '@mui/icons-material/Whatshot';
import ThermostatIcon from '@mui/icons-material/Thermostat';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import AssessmentIcon from '@mui/icons-material/Assessment';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import {
  AppBar,
  Box,
  Drawer,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Toolbar,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/api.js';
import { AppealCard } from '../appeals/AppealCard.js';
import { AppealsList } from '../appeals/AppealsList.js';
import { BuildingCard } from '../buildings/BuildingCard.js';
import { ControlList } from '../control/ControlList.js';
import { DeadlineAlerts } from '../due/DeadlineAlerts.js';
import { DueBadge } from '../due/DueBadge.js';
import { DueScreen } from '../due/DueScreen.js';
import { DeadlinesScreen } from '../deadlines/DeadlinesScreen.js';
import { t } from '../i18n/ru.js';
import { IncidentCard } from '../incidents/IncidentCard.js';
import { IncidentsScreen } from '../incidents/IncidentsScreen.js';
import { IntakeForm } from '../intake/IntakeForm.js';
import { HeatingScreen } from '../heating/HeatingScreen.js';
import { ImportScreen } from '../register/ImportScreen.js';
import { ConflictsScreen } from '../sync/ConflictsScreen.js';
import { SUMMARY_ROLES, useActingUser } from '../reports/acting-role.js';
import { DaySummaryPrint } from '../reports/DaySummaryPrint.js';
import { DaySummaryScreen } from '../reports/DaySummaryScreen.js';
import { CLOSE_DAY_ROLES, DayClosureScreen } from '../day-closure/DayClosureScreen.js';
import type { Role } from '../../../shared/domain/roles.js';
import { SyncStatusChip } from '../sync/SyncStatus.js';
import { FrameUser } from '../server-link/FrameUser.js';
import { GlobalAddressSearch } from './GlobalAddressSearch.js';
import { useLiveUpdates } from './live-updates.js';
import { routeHref, useRoute, type Route } from './routing.js';

const DRAWER_WIDTH = 210;

/** `roles`: only for these roles (the acting user's); otherwise for everyone. */
const NAV: { route: Route; label: string; icon: React.ReactNode; roles?: readonly Role[] }[] = [
  { route: { screen: 'intake' }, label: t.nav.intake, icon: <AddIcCallIcon /> },
  { route: { screen: 'appeals' }, label: t.nav.appeals, icon: <ListAltIcon /> },
  { route: { screen: 'control' }, label: t.nav.control, icon: <LocationCityIcon /> },
  { route: { screen: 'due' }, label: t.nav.due, icon: <AlarmIcon /> },
  { route: { screen: 'summary' }, label: t.reports.nav, icon: <AssessmentIcon />, roles: SUMMARY_ROLES },
  { route: { screen: 'closeDay' }, label: t.dayClosure.nav, icon: <EventAvailableIcon />, roles: CLOSE_DAY_ROLES },
  { route: { screen: 'incidents' }, label: t.nav.incidents, icon: <WhatshotIcon /> },
  { route: { screen: 'heating' }, label: t.heating.title, icon: <ThermostatIcon /> },
  { route: { screen: 'import' }, label: t.nav.import, icon: <UploadFileIcon /> },
  { route: { screen: 'deadlines' }, label: t.nav.deadlines, icon: <EventNoteIcon /> },
  { route: { screen: 'conflicts' }, label: t.sync.conflicts.title, icon: <CompareArrowsIcon /> },
];

/** The navigation item a screen belongs to. */
function section(route: Route): Route['screen'] {
  if (route.screen === 'appeal') return 'appeals';
  if (route.screen === 'building') return 'control';
  if (route.screen === 'incident') return 'incidents';
  return route.screen;
}

export function App() {
  useLiveUpdates();
  const route = useRoute();
  const info = useQuery({ queryKey: ['appInfo'], queryFn: () => api.appInfo({}) });
  const acting = useActingUser();

  // A page to print has no frame: no bar, no navigation, no alerts.
  if (route.screen === 'summaryPrint') return <DaySummaryPrint day={route.day} district={route.district} />;

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense">
          {/* One line whatever the width: the drawer and the screens sit under a dense bar. */}
          <Typography variant="h6" component="h1" sx={{ fontSize: 18, whiteSpace: 'nowrap' }}>
            {t.app.title}
            <Typography component="span" sx={{ ml: 2, opacity: 0.8, fontSize: 14, display: { xs: 'none', xl: 'inline' } }}>
              {t.app.subtitle}
            </Typography>
          </Typography>
          <GlobalAddressSearch />
          <DueBadge />
          <SyncStatusChip />
          <Box sx={{ flexGrow: 1 }} />
          <FrameUser workstationCode={info.data?.workstationCode} />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar variant="dense" />
        <nav aria-label="Разделы">
          <List>
            {NAV.filter((item) => !item.roles || (acting !== undefined && item.roles.includes(acting.role))).map((item) => (
              <ListItemButton
                key={item.label}
                component="a"
                href={routeHref(item.route)}
                selected={section(route) === item.route.screen}
              >
                <ListItemIcon sx={{ minWidth: 40 }}>{item.icon}</ListItemIcon>
                <ListItemText primary={item.label} />
              </ListItemButton>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
        <Toolbar variant="dense" />
        {route.screen === 'intake' && <IntakeForm key={route.buildingId ?? ''} buildingId={route.buildingId} />}
        {route.screen === 'appeals' && <AppealsList />}
        {/* keyed: another appeal is another card — its dialogs and notices do not carry over */}
        {route.screen === 'appeal' && <AppealCard key={route.id} id={route.id} />}
        {route.screen === 'control' && <ControlList />}
        {route.screen === 'building' && <BuildingCard id={route.id} />}
        {route.screen === 'import' && <ImportScreen />}
        {route.screen === 'incidents' && <IncidentsScreen />}
        {route.screen === 'incident' && <IncidentCard id={route.id} />}
        {route.screen === 'heating' && <HeatingScreen />}
        {route.screen === 'due' && <DueScreen />}
        {route.screen === 'deadlines' && <DeadlinesScreen />}
        {route.screen === 'conflicts' && <ConflictsScreen />}
        {route.screen === 'summary' && <DaySummaryScreen />}
        {route.screen === 'closeDay' && <DayClosureScreen />}
      </Box>
      <DeadlineAlerts />
    </Box>
  );
}
