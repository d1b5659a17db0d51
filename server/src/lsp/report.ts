import { buildReport, type ReportModel } from '../report/index.js';
import { REPORT_STYLE, renderHtmlBody } from '../report/html.js';
import { renderMermaid } from '../report/mermaid.js';
import type { FolderState } from './folders.js';

/** One workspace folder's alignment report (`strategyLint/report`). */
export interface FolderReport {
  name: string;
  /** The folder's URI: `location.file` in the model, and `data-file` in the HTML, are relative to it. */
  uri: string;
  model: ReportModel;
  /** The report's sections (`renderHtmlBody` with links), to place in a page styled by `style`. */
  html: string;
  /** The Mermaid source of the strategy map (what `report --format mermaid` prints). */
  mermaid: string;
}

export interface ReportResult {
  folders: FolderReport[];
  /** CSS for `html`. */
  style: string;
}

/**
 * The alignment report of each loaded workspace folder, built by the engine as `strategy-lint report`
 * builds it (paths relative to the folder). Folders still scanning are left out until they are ready.
 */
export function folderReports(folders: readonly FolderState[]): ReportResult {
  const reports = folders
    .filter((f) => !f.loose && !f.disposed && f.ready)
    .map((folder): FolderReport => {
      const model = buildReport(folder.engine, { cwd: folder.root });
      return { name: folder.name, uri: folder.uri, model, html: renderHtmlBody(model, { links: true }), mermaid: renderMermaid(model) };
    });
  return { folders: reports, style: REPORT_STYLE };
}
