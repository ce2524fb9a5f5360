// One step of the server's schema.
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Run one by one in the migration's transaction (one statement each: pg's extended protocol takes one). */
  readonly statements: readonly string[];
}
