// The production calendar's exceptional day, shared by the calendar (production-calendar.ts) and the
// readers of calendar files (calendar-file-formats.ts), which production-calendar.ts imports.
export const CALENDAR_DAY_TYPES = ['holiday', 'workday', 'short'] as const;
export type CalendarDayType = (typeof CALENDAR_DAY_TYPES)[number];

export interface CalendarDay {
  readonly date: string;
  readonly type: CalendarDayType;
}

export interface CalendarParseResult {
  readonly days: CalendarDay[];
  readonly errors: { line: number; message: string }[];
}
