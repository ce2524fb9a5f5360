// The same connection with `prepare()` remembering its statements by SQL text. better-sqlite3
// compiles a statement at every prepare(); code that prepares inside a loop (applying a page of
// thousands of pulled changes, the workstation's first sync) spent more time compiling than running.
// Only for repositories that use statements with get/run/all: a remembered statement keeps
// pluck()/raw()/expand() and cannot run twice at once (iterate()).
import type Database from 'better-sqlite3';

export function withStatementCache(db: Database.Database): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
