// Values as a spreadsheet needs them, for every exported document: real Excel dates in Samara time
// and file names that every file system accepts.
import { SAMARA_OFFSET_MS } from '../domain/samara-time.js';

/** Excel's number format for a date and time, shown as «29.11.2026 18:05». */
export const EXCEL_DATE_TIME_FORMAT = 'dd.mm.yyyy hh:mm';

/**
 * An instant as an Excel date showing Samara's wall clock. Excel dates have no time zone: the
 * writer turns a Date's UTC fields into the serial number, so the Date carries Samara's clock in
 * its UTC fields (Samara is UTC+4 all year), whatever the zone of the PC.
 */
export function excelDateOfInstant(ms: number): Date {
  return new Date(ms + SAMARA_OFFSET_MS);
}

/** The instant back from such a date (tests and readers of our files). */
export function instantOfExcelDate(date: Date): number {
  return date.getTime() - SAMARA_OFFSET_MS;
}

/** A file name without the characters Windows refuses (: / \ * ? " < > |) and without control characters. */
export function safeFileName(name: string): string {
  return name
    .replace(/[<>:"/\\|?*\p{Cc}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 180);
}
