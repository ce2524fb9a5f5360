// «Сроки и календарь»: the deadline rules table (kind × category × priority × channel → amount, unit, norm),
// edited inline by the admin, a form to add a more specific rule, and the production calendar:
// the years stored and the import of a year from a CSV or JSON file.
import { Alert, Box, Button, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { DeadlineRuleRow, ImportCalendarResult } from '../../../shared/contract/deadline-schemas.js';
import { CATEGORIES, CHANNELS, PRIORITIES } from '../../../shared/domain/appeal-vocabulary.js';
import { decodeCalendarFile } from '../../../shared/domain/calendar-file-formats.js';
import { ANY, DEADLINE_KINDS, DEADLINE_UNITS, ruleKey, type DeadlineRule } from '../../../shared/domain/deadline-rules.js';
import { api } from '../api/api.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const RULES_KEY = ['appeals', 'deadline-rules'];

function categoryLabel(c: DeadlineRule['category']): string {
  return c === ANY ? t.deadlines.any : t.categories[c];
}
function priorityLabel(p: DeadlineRule['priority']): string {
  return p === ANY ? t.deadlines.any : t.priority.labels[p];
}
function channelLabel(c: DeadlineRule['channel']): string {
  return c === ANY ? t.deadlines.any : t.channels[c];
}
const noAmount = (unit: DeadlineRule['unit']) => unit === 'end_of_day' || unit === 'none';

export function DeadlinesScreen() {
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => api.listDeadlineRules({}) });
  const user = useQuery({ queryKey: ['appeals', 'workstation-user'], queryFn: () => api.getWorkstationUser({}) });
  const isAdmin = user.data?.role === 'admin';

  return (
    <Stack spacing={2} sx={{ p: 2, overflow: 'auto' }}>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" component="h1" gutterBottom>
          {t.deadlines.title}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t.deadlines.intro}
        </Typography>
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="rules-applied-note">
          {t.priority.rulesAppliedNote}
        </Alert>
        {user.data && !isAdmin && (
          <Alert severity="info" sx={{ mb: 1 }}>
            {t.deadlines.adminOnly}
          </Alert>
        )}
        {rules.error && <Alert severity="error">{rules.error.message}</Alert>}
        <Table size="small" aria-label={t.deadlines.rulesTable} sx={{ tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 150 }}>{t.deadlines.kind}</TableCell>
              <TableCell sx={{ width: 130 }}>{t.deadlines.category}</TableCell>
              <TableCell sx={{ width: 120 }}>{t.priority.label}</TableCell>
              <TableCell sx={{ width: 130 }}>{t.deadlines.channel}</TableCell>
              <TableCell sx={{ width: 70 }}>{t.deadlines.amount}</TableCell>
              <TableCell sx={{ width: 150 }}>{t.deadlines.unit}</TableCell>
              <TableCell sx={{ minWidth: 320 }}>{t.deadlines.source}</TableCell>
              <TableCell sx={{ width: 110 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {rules.data?.rules.map((r) => <RuleRow key={ruleKey(r)} rule={r} editable={isAdmin} />)}
          </TableBody>
        </Table>
        {isAdmin && <NewRule />}
      </Paper>
      <CalendarPanel years={rules.data?.calendarYears ?? []} editable={isAdmin} />
    </Stack>
  );
}

function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rule: DeadlineRule) => api.updateDeadlineRule(rule),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

function RuleRow({ rule, editable }: { rule: DeadlineRuleRow; editable: boolean }) {
  const [amount, setAmount] = useState(String(rule.amount));
  const [unit, setUnit] = useState(rule.unit);
  const [source, setSource] = useState(rule.source);
  const save = useSaveRule();
  const changed = amount !== String(rule.amount) || unit !== rule.unit || source !== rule.source;
  return (
    <TableRow data-testid="deadline-rule">
      <TableCell>{t.deadlines.kinds[rule.kind]}</TableCell>
      <TableCell>{categoryLabel(rule.category)}</TableCell>
      <TableCell>{priorityLabel(rule.priority)}</TableCell>
      <TableCell>{channelLabel(rule.channel)}</TableCell>
      <TableCell>
        <TextField
          size="small"
          variant="standard"
          value={noAmount(unit) ? '' : amount}
          disabled={!editable || noAmount(unit)}
          onChange={(e) => setAmount(e.target.value)}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': t.deadlines.amount } }}
        />
      </TableCell>
      <TableCell>
        <TextField select size="small" variant="standard" fullWidth value={unit} disabled={!editable} onChange={(e) => setUnit(e.target.value as DeadlineRule['unit'])}>
          {DEADLINE_UNITS.map((u) => (
            <MenuItem key={u} value={u}>
              {t.deadlines.units[u]}
            </MenuItem>
          ))}
        </TextField>
      </TableCell>
      <TableCell>
        <TextField size="small" variant="standard" fullWidth multiline value={source} disabled={!editable} onChange={(e) => setSource(e.target.value)} />
        {save.error && (
          <Typography variant="caption" color="error" component="div" role="alert">
            {save.error.message}
          </Typography>
        )}
        {rule.updatedAt !== null && !changed && (
          <Typography variant="caption" color="text.secondary" component="div">
            {t.deadlines.changed(rule.updatedBy ?? '', formatDateTime(rule.updatedAt))}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {editable && changed && (
          <Button
            size="small"
            variant="contained"
            disabled={save.isPending}
            onClick={() =>
              save.mutate({ kind: rule.kind, category: rule.category, priority: rule.priority, channel: rule.channel, amount: noAmount(unit) ? 0 : Number(amount.trim() === '' ? NaN : amount), unit, source })
            }
          >
            {t.deadlines.save}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

function NewRule() {
  const [rule, setRule] = useState<DeadlineRule>({ kind: 'resolution', category: ANY, priority: ANY, channel: ANY, amount: 1, unit: 'working_days', source: '' });
  const save = useSaveRule();
  const set = (patch: Partial<DeadlineRule>) => setRule((r) => ({ ...r, ...patch }));
  // The amount as typed: «2,5», «-1» or letters are said at the field (a whole number of the unit), never shown as «NaN».
  const [amountText, setAmountText] = useState('1');
  const amount = Number(amountText.trim().replace(',', '.'));
  const amountError = noAmount(rule.unit)
    ? null
    : amountText.trim() === '' || !Number.isInteger(amount)
      ? t.deadlines.amountNumber
      : amount < 0
        ? t.deadlines.amountNegative
        : null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" gutterBottom>
        {t.deadlines.addRule}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField select fullWidth={false} size="small" label={t.deadlines.kind} value={rule.kind} onChange={(e) => set({ kind: e.target.value as DeadlineRule['kind'] })} sx={{ width: 200 }}>
          {DEADLINE_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {t.deadlines.kinds[k]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select fullWidth={false} size="small" label={t.deadlines.category} value={rule.category} onChange={(e) => set({ category: e.target.value as DeadlineRule['category'] })} sx={{ width: 200 }}>
          {[ANY, ...CATEGORIES].map((c) => (
            <MenuItem key={c} value={c}>
              {categoryLabel(c)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select fullWidth={false} size="small" label={t.priority.label} value={rule.priority} onChange={(e) => set({ priority: e.target.value as DeadlineRule['priority'] })} sx={{ width: 150 }}>
          {[ANY, ...PRIORITIES].map((p) => (
            <MenuItem key={p} value={p}>
              {priorityLabel(p)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select fullWidth={false} size="small" label={t.deadlines.channel} value={rule.channel} onChange={(e) => set({ channel: e.target.value as DeadlineRule['channel'] })} sx={{ width: 200 }}>
          {[ANY, ...CHANNELS].map((c) => (
            <MenuItem key={c} value={c}>
              {channelLabel(c)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth={false}
          size="small"
          label={t.deadlines.amount}
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
          error={amountError !== null}
          helperText={amountError ?? undefined}
          sx={{ width: 140 }}
        />
        <TextField select fullWidth={false} size="small" label={t.deadlines.unit} value={rule.unit} onChange={(e) => set({ unit: e.target.value as DeadlineRule['unit'] })} sx={{ width: 180 }}>
          {DEADLINE_UNITS.map((u) => (
            <MenuItem key={u} value={u}>
              {t.deadlines.units[u]}
            </MenuItem>
          ))}
        </TextField>
        <TextField fullWidth={false} size="small" label={t.deadlines.source} value={rule.source} onChange={(e) => set({ source: e.target.value })} sx={{ width: 420 }} />
        <Button variant="outlined" disabled={save.isPending || amountError !== null} onClick={() => save.mutate({ ...rule, amount: noAmount(rule.unit) ? 0 : amount })}>
          {t.deadlines.add}
        </Button>
      </Stack>
      {save.error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {save.error.message}
        </Alert>
      )}
    </Box>
  );
}

function CalendarPanel({ years, editable }: { years: { year: number; days: number; source: string }[]; editable: boolean }) {
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [result, setResult] = useState<ImportCalendarResult | null>(null);
  const importFile = useMutation({
    mutationFn: async (file: File) =>
      api.importCalendar({ text: decodeCalendarFile(new Uint8Array(await file.arrayBuffer())), source: `${t.deadlines.importedFrom} ${file.name}` }),
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: RULES_KEY });
    },
  });
  return (
    <Paper sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t.deadlines.calendarTitle}
      </Typography>
      <Table size="small" aria-label={t.deadlines.calendarTitle} sx={{ mb: 2 }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 80 }}>{t.deadlines.year}</TableCell>
            <TableCell sx={{ width: 140 }}>{t.deadlines.days}</TableCell>
            <TableCell>{t.deadlines.source}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {years.map((y) => (
            <TableRow key={y.year}>
              <TableCell>{y.year}</TableCell>
              <TableCell>{y.days}</TableCell>
              <TableCell>{y.source}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t.deadlines.importHint}
      </Typography>
      <input
        ref={fileInput}
        type="file"
        accept=".csv,.txt,.json,.xml"
        hidden
        data-testid="calendar-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) importFile.mutate(file);
          e.target.value = '';
        }}
      />
      <Button variant="outlined" disabled={!editable || importFile.isPending} onClick={() => fileInput.current?.click()}>
        {t.deadlines.importButton}
      </Button>
      {importFile.error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {importFile.error.message}
        </Alert>
      )}
      {result && result.errors.length === 0 && (
        <Alert severity="success" sx={{ mt: 1 }}>
          {t.deadlines.imported(result.imported, result.years.join(', '))}
        </Alert>
      )}
      {result && result.errors.length > 0 && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {t.deadlines.importFailed}
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {result.errors.slice(0, 50).map((e) => (
              <li key={`${e.line}:${e.message}`}>{t.deadlines.line(e.line, e.message)}</li>
            ))}
          </Box>
        </Alert>
      )}
    </Paper>
  );
}
