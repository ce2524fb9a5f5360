// What an export job asks of a document: its file name, how many rows it will write, and how to
// write itself into a file while reporting rows and stopping when asked. One module per document
// (appeals-workbook.ts; the daily summary later) builds one of these; export-jobs.ts runs it.
export interface DocumentProgress {
  /** Rows written so far. */
  readonly written: number;
}

export interface WriteContext {
  /** The file to write (a temporary name; the job renames it into place once written). */
  readonly file: string;
  /** Set when the user cancels: stop at the next page, the job deletes the file. */
  readonly signal: AbortSignal;
  readonly onProgress: (progress: DocumentProgress) => void;
}

export interface PreparedDocument {
  /** The name the user gets. */
  readonly fileName: string;
  /** The rows the document will have, for the progress bar. */
  readonly total: number;
  write(context: WriteContext): Promise<void>;
}
