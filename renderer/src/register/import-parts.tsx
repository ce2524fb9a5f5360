// Pieces both file imports share (the register, a supplier's heating statuses): the file as base64
// for the contract, and the table of bad rows — a file with any bad row imports nothing.
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ImportRowError } from '../../../shared/contract/register-schemas.js';

/** Largest file accepted: its base64 must fit the contract's limit. */
export const MAX_IMPORT_FILE_BYTES = 45 * 1024 * 1024;
const SHOWN_ERRORS = 500;

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export interface RowErrorsLabels {
  readonly caption: string;
  readonly row: string;
  readonly reason: string;
  readonly more: (n: number) => string;
}

/** Every bad row with its number and reason (the first 500, then how many more). */
export function ImportRowErrors({ errors, labels }: { errors: readonly ImportRowError[]; labels: RowErrorsLabels }) {
  if (errors.length === 0) return null;
  return (
    <>
      <Table size="small" aria-label={labels.caption}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 100 }}>{labels.row}</TableCell>
            <TableCell>{labels.reason}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {errors.slice(0, SHOWN_ERRORS).map((e, i) => (
            <TableRow key={`${e.row}-${i}`}>
              <TableCell>{e.row}</TableCell>
              <TableCell>{e.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {errors.length > SHOWN_ERRORS && (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          … {labels.more(errors.length - SHOWN_ERRORS)}
        </Typography>
      )}
    </>
  );
}
