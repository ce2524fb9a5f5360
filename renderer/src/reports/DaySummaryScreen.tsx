// «Итоги дня»: the deputy head's evening check of a district, or the Department's of the city —
// received, closed, still open and overdue for a Samara day (today unless chosen), by category,
// channel and executor, the management organisations ranked, the addresses on control and the last
// 14 days. Every figure opens the list of appeals behind it. ← → move to the neighbouring days.
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import PrintIcon from '@mui/icons-material/Print';
import {
  Alert,
  Box,
  Button,
  ButtonBase,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BreakdownRowView, DaySummary, ExecutorRankView } from '../../../shared/contract/report-schemas.js';
import { CATEGORY_LABELS, CHANNEL_LABELS, type Category, type Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { isCityWide } from '../../../shared/domain/roles.js';
import { NO_EXECUTOR, SUMMARY_FIGURES, type Breakdown, type SummaryFigure } from '../../../shared/reports/day-summary.js';
import { formatRuDate, summaryDay, summaryDayOf } from '../../../shared/reports/summary-day.js';
import { api } from '../api/api.js';
import { DocumentExportDialog } from '../appeals/ExportDialog.js';
import { DayPicker } from '../app/DayPicker.js';
import { routeHref } from '../app/routing.js';
import { useNow } from '../app/use-now.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { useActingUser } from './acting-role.js';
import { DrillDownDialog, type DrillDown } from './DrillDownDialog.js';

const R = t.reports;
const S = t.exports.summary;
const FIGURE_COLORS: Record<SummaryFigure, string> = { received: 'primary.main', closed: 'success.main', open: 'warning.dark', overdue: 'error.main' };

/** A number that opens the appeals behind it. */
function FigureButton({ n, label, onOpen, testId }: { n: number; label: string; onOpen: () => void; testId?: string }) {
  if (n === 0) return <span>0</span>;
  return (
    <Link component="button" type="button" onClick={onOpen} aria-label={R.showAppeals(n, label)} data-testid={testId} underline="hover" sx={{ font: 'inherit' }}>
      {n}
    </Link>
  );
}

function HeadlineFigures({ summary, onDrill }: { summary: DaySummary; onDrill: (d: DrillDown) => void }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 2 }}>
      {SUMMARY_FIGURES.map((f) => (
        <Tooltip key={f} title={R.figureHints[f]}>
          <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
            <ButtonBase
              onClick={() => onDrill({ figure: f })}
              aria-label={R.showAppeals(summary.figures[f], R.figures[f])}
              data-testid={`figure-${f}`}
              sx={{ display: 'block', width: '100%', textAlign: 'left', p: 2 }}
            >
              <Typography color="text.secondary">{R.figures[f]}</Typography>
              <Typography sx={{ fontSize: 44, fontWeight: 500, lineHeight: 1.1, color: FIGURE_COLORS[f] }} data-testid={`figure-${f}-value`}>
                {summary.figures[f]}
              </Typography>
            </ButtonBase>
          </Paper>
        </Tooltip>
      ))}
    </Box>
  );
}

function BreakdownTable({
  title,
  keyHeader,
  rows,
  by,
  label,
  onDrill,
}: {
  title: string;
  keyHeader: string;
  rows: BreakdownRowView[];
  by: Breakdown;
  label: (row: BreakdownRowView) => string;
  onDrill: (d: DrillDown) => void;
}) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
        {title}
      </Typography>
      {/* The city has some 150 executors: the table scrolls under its header. */}
      <TableContainer sx={{ maxHeight: 440 }}>
        <Table size="small" stickyHeader aria-label={title} data-testid={`breakdown-${by}`}>
          <TableHead>
            <TableRow>
              <TableCell>{keyHeader}</TableCell>
              {SUMMARY_FIGURES.map((f) => (
                <TableCell key={f} align="right">
                  {R.figures[f]}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                  {R.nothing}
                </TableCell>
              </TableRow>
            )}
            {rows.map((row) => (
              <TableRow key={row.key}>
                <TableCell sx={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={label(row)}>
                  {label(row)}
                </TableCell>
                {SUMMARY_FIGURES.map((f) => (
                  <TableCell key={f} align="right" sx={f === 'overdue' && row.overdue > 0 ? { color: 'error.main' } : undefined}>
                    <FigureButton n={row[f]} label={`${R.figures[f]}, ${label(row)}`} onOpen={() => onDrill({ figure: f, breakdown: by, key: row.key, what: label(row) })} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

function RankingTable({
  title,
  rows,
  empty,
  kind,
  onDrill,
}: {
  title: string;
  rows: ExecutorRankView[];
  empty: string;
  kind: 'overdue' | 'median';
  onDrill: (d: DrillDown) => void;
}) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
        {title}
      </Typography>
      <Table size="small" aria-label={title} data-testid={`ranking-${kind}`}>
        <TableHead>
          <TableRow>
            <TableCell>{R.organisation}</TableCell>
            {kind === 'overdue' ? (
              <>
                <TableCell align="right">{R.overdueCount}</TableCell>
                <TableCell align="right">{R.openCount}</TableCell>
              </>
            ) : (
              <>
                <TableCell align="right">{R.medianResolve}</TableCell>
                <TableCell align="right">{R.closedInDay}</TableCell>
              </>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={3} sx={{ color: 'text.secondary' }}>
                {empty}
              </TableCell>
            </TableRow>
          )}
          {rows.map((r) => {
            const drill = (figure: SummaryFigure) => () => onDrill({ figure, breakdown: 'executor', key: r.executorId, what: r.name });
            return (
              <TableRow key={r.executorId}>
                <TableCell sx={{ maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.name}>
                  {r.name}
                </TableCell>
                {kind === 'overdue' ? (
                  <>
                    <TableCell align="right" sx={{ color: 'error.main' }}>
                      <FigureButton n={r.overdue} label={`${R.figures.overdue}, ${r.name}`} onOpen={drill('overdue')} />
                    </TableCell>
                    <TableCell align="right">
                      <FigureButton n={r.open} label={`${R.figures.open}, ${r.name}`} onOpen={drill('open')} />
                    </TableCell>
                  </>
                ) : (
                  <>
                    <TableCell align="right">{r.medianResolveMs === null ? '—' : R.duration(r.medianResolveMs)}</TableCell>
                    <TableCell align="right">
                      <FigureButton n={r.closedInWindow} label={`${R.figures.closed}, ${r.name}`} onOpen={drill('closed')} />
                    </TableCell>
                  </>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}

function TrendChart({ summary, onPickDay }: { summary: DaySummary; onPickDay: (date: string) => void }) {
  const labels = summary.trend.map((p) => `${p.date.slice(8, 10)}.${p.date.slice(5, 7)}`);
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }} data-testid="trend">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
        {R.trend}
      </Typography>
      <LineChart
        height={240}
        xAxis={[{ scaleType: 'point', data: labels }]}
        series={[
          { id: 'received', data: summary.trend.map((p) => p.received), label: R.figures.received, color: '#1976d2', curve: 'linear' },
          { id: 'closed', data: summary.trend.map((p) => p.closed), label: R.figures.closed, color: '#2e7d32', curve: 'linear' },
          { id: 'open', data: summary.trend.map((p) => p.open), label: R.trendOpen, color: '#ed6c02', curve: 'linear' },
        ]}
        onAxisClick={(_event, data) => {
          const point = data ? summary.trend[data.dataIndex] : undefined;
          if (point) onPickDay(point.date);
        }}
        margin={{ left: 8, right: 16, top: 16, bottom: 8 }}
      />
    </Paper>
  );
}

function executorLabel(row: BreakdownRowView): string {
  return row.key === NO_EXECUTOR ? R.noExecutor : (row.name ?? row.key);
}

export function DaySummaryScreen() {
  const actor = useActingUser();
  const cityWide = actor ? isCityWide(actor.role) : false;
  /** null: today at the core's clock. */
  const [day, setDay] = useState<string | null>(null);
  const [district, setDistrict] = useState<District | ''>('');
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const [exporting, setExporting] = useState(false);
  const scope = cityWide ? (district === '' ? undefined : district) : undefined;
  const summary = useQuery({
    queryKey: ['appeals', 'daySummary', day, scope ?? null],
    queryFn: () => api.daySummary({ ...(day ? { day } : {}), ...(scope ? { district: scope } : {}) }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const data = summary.data;
  const shown = data?.date ?? day;
  const isToday = data ? data.asOf < data.to : day === null;
  // The picker offers no day to come (Samara's date on this PC's clock; the core refuses one anyway).
  const today = summaryDayOf(useNow()).date;

  const categoryLabel = (row: BreakdownRowView) => CATEGORY_LABELS[row.key as Category] ?? row.key;
  const channelLabel = (row: BreakdownRowView) => CHANNEL_LABELS[row.key as Channel] ?? row.key;
  const dayOfSummary = data ? summaryDay(data.date) : null;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1500 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h2">
          {R.title}
        </Typography>
        <DayPicker shown={shown} max={today} isToday={isToday} onPick={setDay} />
        {cityWide ? (
          <TextField
            select
            size="small"
            label={R.district}
            value={district}
            onChange={(e) => setDistrict(e.target.value as District | '')}
            sx={{ width: 240, flexShrink: 0 }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'district-select' } }}
          >
            <option value="">{R.allDistricts}</option>
            {DISTRICTS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </TextField>
        ) : (
          <Typography color="text.secondary">{data?.district ?? actor?.district ?? ''}</Typography>
        )}
        {data && dayOfSummary && (
          <Typography color="text.secondary" sx={{ fontSize: 14 }} data-testid="as-of">
            {isToday ? R.asOfNow(formatDateTime(data.asOf)) : R.asOfEnd(formatRuDate(dayOfSummary))}
          </Typography>
        )}
        <Typography color="text.disabled" sx={{ fontSize: 12 }}>
          {t.dayPicker.keyboardHint}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="outlined" startIcon={<FileDownloadIcon />} onClick={() => setExporting(true)} disabled={!data}>
          {S.excelButton}
        </Button>
        <Button
          variant="outlined"
          startIcon={<PrintIcon />}
          disabled={!data}
          href={data ? routeHref({ screen: 'summaryPrint', day: data.date, ...(scope ? { district: scope } : {}) }) : undefined}
        >
          {S.printButton}
        </Button>
      </Stack>
      {summary.isError && <Alert severity="error">{summary.error.message}</Alert>}
      {data && (
        <>
          <HeadlineFigures summary={data} onDrill={setDrill} />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' }, gap: 2 }}>
            <TrendChart summary={data} onPickDay={setDay} />
            <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="addresses">
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
                {R.addresses}
              </Typography>
              <Typography sx={{ fontSize: 36, fontWeight: 500 }} data-testid="addresses-value">
                {data.addressesOnControl}
              </Typography>
              <Typography color="text.secondary" sx={{ mb: 1 }}>
                {isToday ? R.addressesNow(formatDateTime(data.asOf)) : R.addressesAtEnd}
              </Typography>
              <Link href={routeHref({ screen: 'control' })}>{R.addressesLink}</Link>
            </Paper>
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
            <BreakdownTable title={R.byCategory} keyHeader={R.category} rows={data.byCategory} by="category" label={categoryLabel} onDrill={setDrill} />
            <BreakdownTable title={R.byChannel} keyHeader={R.channel} rows={data.byChannel} by="channel" label={channelLabel} onDrill={setDrill} />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
            <RankingTable title={R.rankingOverdue} rows={data.ranking.byOverdue} empty={R.rankingEmptyOverdue} kind="overdue" onDrill={setDrill} />
            <RankingTable title={R.rankingMedian} rows={data.ranking.byMedianResolve} empty={R.rankingEmptyMedian} kind="median" onDrill={setDrill} />
          </Box>
          <BreakdownTable title={R.byExecutor} keyHeader={R.executor} rows={data.byExecutor} by="executor" label={executorLabel} onDrill={setDrill} />
        </>
      )}
      {exporting && data && (
        <DocumentExportDialog
          title={S.title}
          intro={() => S.intro(formatRuDate({ date: data.date, from: data.from, to: data.to }), data.district ? `${data.district} район` : R.cityScope)}
          details={data.district ? S.details : `${S.details} ${S.cityDetails}`}
          request={() => ({ document: 'day_summary', day: data.date, ...(scope ? { district: scope } : {}) })}
          onClose={() => setExporting(false)}
        />
      )}
      {drill && data && <DrillDownDialog drill={drill} day={data.date} district={scope ?? data.district ?? undefined} onClose={() => setDrill(null)} />}
    </Stack>
  );
}
