import { accessReport } from '../../access/access-matrix';
import { readAccessModel } from '../../access/access-model';
import { diffAccess, type DiffSide } from '../../access/access-diff';
import { renderAccessDiff } from '../access-diff-markdown';
import { CliError } from '../../errors/user-errors';
import { loadOrg, type LoadedOrg } from '../../lock/load-org';
import { checkSynthOrigin } from '../synth-origin';
import { readSynthOut } from '../../access/synth-output';
import type { ReportFormat } from './report';

/**
 * Exit codes of `report --base`: 0 when access does not grow, ACCESS_GREW when it does
 * (1 stays bad input, 2 an unexpected error, as for every command).
 */
export const ACCESS_GREW = 3;

export interface ReportDiffOptions {
  readonly config: string;
  readonly out: string;
  readonly base: string;
  readonly format: ReportFormat;
}

function side(dir: string, option: string, org: LoadedOrg): DiffSide {
  const { config } = org;
  let stacks;
  try {
    stacks = readSynthOut(dir);
  } catch (e) {
    // readSynthOut names --out; say which of the two directories is wrong.
    if (e instanceof CliError && option !== '--out') throw new CliError(e.message.replace(/^--out /, `${option} `));
    throw e;
  }
  // The pull request's output must be of --config (the base branch's was of its own config).
  if (option === '--out') checkSynthOrigin(dir, stacks, org);
  return { stacks, report: accessReport(readAccessModel(stacks, config)) };
}

/**
 * Compares the synth in BASE (the base branch's) with the one in OUT (the pull request's).
 * Both are evaluated with --config: the management account id and organization id come
 * from it, and they do not change in a pull request.
 */
export function reportDiffCommand(options: ReportDiffOptions): { text: string; exitCode: number } {
  const org = loadOrg(options.config);
  const diff = diffAccess(side(options.base, '--base', org), side(options.out, '--out', org));
  const text = options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderAccessDiff(diff, { base: options.base, head: options.out });
  return { text, exitCode: diff.accessGrew ? ACCESS_GREW : 0 };
}
