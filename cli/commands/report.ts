import { accessReport } from '../../access/access-matrix';
import { readAccessModel } from '../../access/access-model';
import { loadOrg } from '../../lock/load-org';
import { renderMarkdownReport } from '../report-markdown';
import { readSynthOut } from '../../access/synth-output';
import { checkSynthOrigin } from '../synth-origin';

export type ReportFormat = 'md' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'json'];

export interface ReportOptions {
  readonly out: string;
  readonly format: ReportFormat;
  readonly config: string;
}

/** Evaluates the synthesized stacks in OUT and renders the access report. */
export function reportCommand(options: ReportOptions): string {
  const org = loadOrg(options.config);
  const { config } = org;
  const stacks = readSynthOut(options.out);
  checkSynthOrigin(options.out, stacks, org);
  const model = readAccessModel(stacks, config);
  const report = accessReport(model);
  if (options.format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return renderMarkdownReport(report, { out: options.out, stacks: Object.keys(stacks), config });
}
