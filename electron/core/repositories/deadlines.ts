// The deadline rules and the production calendar as stored (migration 004). Rules and calendar are
// read once and kept until this connection changes them; registration computes every deadline of
// a new appeal from them. A changed rule applies to appeals registered after it: the deadlines of an
// appeal are set when it is received and stay on it.
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/contract/errors.js';
import type { DeadlineRuleRow, DeadlineRulesList, ImportCalendarResult } from '../../../shared/contract/deadline-schemas.js';
import {
  computeDeadlines,
  type AppealDeadlineInput,
  type ComputedDeadline,
  type DeadlineRule,
  ruleProblem,
} from '../../../shared/domain/deadline-rules.js';
import { type CalendarDayType, parseCalendarFile, ProductionCalendar } from '../../../shared/domain/production-calendar.js';

interface RuleRow {
  kind: DeadlineRule['kind'];
  category: DeadlineRule['category'];
  priority: DeadlineRule['priority'];
  channel: DeadlineRule['channel'];
  amount: number;
  unit: DeadlineRule['unit'];
  source: string;
  updated_at: number | null;
  updated_by: string | null;
}

export class DeadlinesRepository {
  private rules: DeadlineRule[] | null = null;
  private calendar: ProductionCalendar | null = null;

  constructor(private readonly db: Database.Database) {}

  list(): DeadlineRulesList {
    const rows = this.db
      .prepare<[], RuleRow>(
        `SELECT kind, category, priority, channel, amount, unit, source, updated_at, updated_by FROM deadline_rules
         ORDER BY CASE kind WHEN 'reaction' THEN 0 WHEN 'check' THEN 1 WHEN 'resolution' THEN 2 WHEN 'feedback' THEN 3 ELSE 4 END,
                  category <> '*', category, priority <> '*', priority, channel <> '*', channel`,
      )
      .all();
    const rules: DeadlineRuleRow[] = rows.map((r) => ({
      kind: r.kind,
      category: r.category,
      priority: r.priority,
      channel: r.channel,
      amount: r.amount,
      unit: r.unit,
      source: r.source,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }));
    const calendarYears = this.db
      .prepare<[], { year: number; days: number; source: string }>(
        `SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year, count(*) AS days, max(source) AS source
         FROM calendar_days GROUP BY substr(date, 1, 4) ORDER BY year`,
      )
      .all();
    return { rules, calendarYears };
  }

  /** Adds or replaces one rule; the caller has checked the role. */
  upsert(rule: DeadlineRule, userId: string, nowMs: number): DeadlineRuleRow {
    const problem = ruleProblem(rule);
    if (problem) throw new ApiError({ code: 'validation', message: problem, issues: [{ path: 'amount', message: problem }] });
    this.db
      .prepare(
        `INSERT INTO deadline_rules (kind, category, priority, channel, amount, unit, source, updated_at, updated_by)
         VALUES (@kind, @category, @priority, @channel, @amount, @unit, @source, @updatedAt, @updatedBy)
         ON CONFLICT (kind, category, priority, channel) DO UPDATE SET amount = excluded.amount, unit = excluded.unit,
           source = excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run({ ...rule, source: rule.source.trim(), updatedAt: nowMs, updatedBy: userId });
    this.rules = null;
    return { ...rule, source: rule.source.trim(), updatedAt: nowMs, updatedBy: userId };
  }

  /** Reads a calendar file; when it has any bad line nothing is stored. Imported years replace the stored ones. */
  importCalendar(text: string, source: string): ImportCalendarResult {
    const parsed = parseCalendarFile(text);
    if (parsed.errors.length > 0) return { imported: 0, years: [], errors: parsed.errors };
    if (parsed.days.length === 0) return { imported: 0, years: [], errors: [{ line: 1, message: 'В файле нет ни одного дня' }] };
    const years = [...new Set(parsed.days.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
    const del = this.db.prepare<[string]>('DELETE FROM calendar_days WHERE substr(date, 1, 4) = ?');
    const ins = this.db.prepare<[string, CalendarDayType, string]>(
      'INSERT INTO calendar_days (date, type, source) VALUES (?, ?, ?) ON CONFLICT(date) DO UPDATE SET type = excluded.type, source = excluded.source',
    );
    this.db.transaction(() => {
      for (const y of years) del.run(String(y));
      for (const d of parsed.days) ins.run(d.date, d.type, source);
    })();
    this.calendar = null;
    return { imported: parsed.days.length, years, errors: [] };
  }

  compute(input: AppealDeadlineInput): ComputedDeadline[] {
    return computeDeadlines(input, this.loadRules(), this.loadCalendar());
  }

  private loadRules(): DeadlineRule[] {
    this.rules ??= this.db.prepare<[], DeadlineRule>('SELECT kind, category, priority, channel, amount, unit, source FROM deadline_rules').all();
    return this.rules;
  }

  private loadCalendar(): ProductionCalendar {
    this.calendar ??= new ProductionCalendar(this.db.prepare<[], { date: string; type: CalendarDayType }>('SELECT date, type FROM calendar_days').all());
    return this.calendar;
  }
}
