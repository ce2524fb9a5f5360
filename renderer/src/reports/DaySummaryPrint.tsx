// «Сводка за день» laid out for A4 portrait (#/summary/print?day=…&district=…): the same sections as
// the XLSX (shared/exports/day-summary-document.ts, built from the same daySummary answer), each on a
// new page, table headers repeated on every page, no navigation. «Печать» is the browser's print;
// «Сохранить PDF» is webContents.printToPDF in the Electron shell, the print dialog in a browser.
import PrintIcon from '@mui/icons-material/Print';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { DaySummary } from '../../../shared/contract/report-schemas.js';
import { DISTRICTS, isDistrict } from '../../../shared/domain/districts.js';
import { daySummaryDocument, daySummaryFileName } from '../../../shared/exports/day-summary-document.js';
import { printedCell, type DocumentSection } from '../../../shared/exports/document-sections.js';
import { api } from '../api/api.js';
import { routeHref } from '../app/routing.js';
import { SavePdfButton } from '../app/SavePdfButton.js';
import { t } from '../i18n/ru.js';

const P = t.exports.print;

/** A4 portrait; a section starts a page; a table's header repeats on each page it runs onto. */
const PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm; }
.summary-print { font: 10pt/1.35 Roboto, Arial, sans-serif; color: #000; max-width: 186mm; margin: 0 auto; padding: 8px 0; }
.summary-print section { padding-top: 2mm; }
.summary-print section.page-break { break-before: page; }
.summary-print .doc-title { font-size: 9pt; color: #444; margin: 0 0 1mm; }
.summary-print h2 { font-size: 13pt; margin: 0 0 3mm; }
.summary-print h3 { font-size: 11pt; margin: 4mm 0 2mm; }
.summary-print table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
.summary-print thead { display: table-header-group; }
.summary-print tr { break-inside: avoid; }
.summary-print th, .summary-print td { border: 0.3mm solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
.summary-print th { background: #e8eef4; font-weight: 600; }
.summary-print td.num, .summary-print th.num { text-align: right; white-space: nowrap; }
.summary-print tr.totals td { font-weight: 700; border-top: 0.5mm solid #000; }
.summary-print .empty { color: #555; font-style: italic; }
@media print {
  html, body { background: #fff !important; }
  .no-print { display: none !important; }
  .summary-print { max-width: none; padding: 0; }
}
`;

function Section({ title, section, breakBefore }: { title: string; section: DocumentSection; breakBefore: boolean }) {
  return (
    <section className={breakBefore ? 'page-break' : undefined} data-testid="print-section">
      {!section.printWithPrevious && <p className="doc-title">{title}</p>}
      <h2>{section.heading}</h2>
      {section.blocks.map((block, n) => (
        <div key={n}>
          {block.caption && <h3>{block.caption}</h3>}
          <table>
            <thead>
              <tr>
                {block.columns.map((c) => (
                  <th key={c.header} className={c.kind === 'text' || c.kind === 'day' ? undefined : 'num'}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.length === 0 && block.empty && (
                <tr>
                  <td className="empty" colSpan={block.columns.length}>
                    {block.empty}
                  </td>
                </tr>
              )}
              {[...block.rows, ...(block.totals ? [block.totals] : [])].map((row, i) => (
                <tr key={i} className={block.totals && i === block.rows.length ? 'totals' : undefined}>
                  {block.columns.map((c, j) => (
                    <td key={j} className={c.kind === 'count' || c.kind === 'duration' ? 'num' : undefined}>
                      {printedCell(c.kind, row[j] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

export function DaySummaryPrint({ day, district }: { day?: string | undefined; district?: string | undefined }) {
  const scope = district && isDistrict(district) ? district : undefined;
  const summary = useQuery({
    queryKey: ['appeals', 'daySummary', day ?? null, scope ?? null],
    queryFn: () => api.daySummary({ ...(day ? { day } : {}), ...(scope ? { district: scope } : {}) }),
  });
  const city = summary.data !== undefined && summary.data.district === null;
  const districts = useQueries({
    queries: DISTRICTS.map((d) => ({
      queryKey: ['appeals', 'daySummary', summary.data?.date ?? null, d],
      queryFn: () => api.daySummary({ day: summary.data?.date ?? '', district: d }),
      enabled: city,
    })),
  });
  const compared = districts.map((q) => q.data).filter((d): d is DaySummary => d !== undefined);
  const ready = summary.data !== undefined && (!city || compared.length === DISTRICTS.length);
  const document = ready && summary.data ? daySummaryDocument({ summary: summary.data, districts: city ? compared : [], nowMs: summary.dataUpdatedAt }) : null;

  return (
    <>
      <style>{PRINT_CSS}</style>
      <Stack direction="row" spacing={1} className="no-print" sx={{ p: 2, alignItems: 'center', borderBottom: 1, borderColor: 'divider' }}>
        <Button startIcon={<ArrowBackIcon />} href={routeHref({ screen: 'summary' })}>
          {P.back}
        </Button>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} disabled={!document}>
          {P.print}
        </Button>
        <SavePdfButton fileName={summary.data ? daySummaryFileName(summary.data, 'pdf') : ''} disabled={!document} />
      </Stack>
      {summary.isError && (
        <Alert severity="error" className="no-print" sx={{ m: 2 }}>
          {summary.error.message}
        </Alert>
      )}
      {!document && !summary.isError && (
        <Typography className="no-print" sx={{ m: 2 }}>
          {P.loading}
        </Typography>
      )}
      {document && (
        <main className="summary-print" data-testid="summary-print">
          {document.sections.map((section, i) => (
            <Section key={section.sheet} title={document.title} section={section} breakBefore={i > 0 && !section.printWithPrevious} />
          ))}
        </main>
      )}
    </>
  );
}
