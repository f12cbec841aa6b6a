import { join } from 'node:path';
import { readFileSync } from 'node:fs';
/**
 * org-trust: validate org.yaml, print aws-vault profiles, report who can assume what; and,
 * read-only against the live organization, discover, preflight and verify.
 * Bad input prints its message alone and exits 1; an unexpected error exits 2 (DEBUG=1
 * adds its stack trace).
 */
import { Argument, Command, Option } from 'commander';
import { reportFailure } from '../errors/report-failure';
import { awsConfigCommand } from './commands/aws-config';
import { REPORT_FORMATS, reportCommand, type ReportFormat } from './commands/report';
import { reportDiffCommand } from './commands/report-diff';
import { CI_ENGINES, ciCommand, type CiEngine } from './commands/ci';
import { validateCommand } from './commands/validate';
import { CREDENTIAL_FORMATS, type CredentialFormat } from './credential-formats';
import { DEFAULT_CONFIG } from '../lock/load-org';
import { registerLiveCommands } from './live/register-live-commands';

function run(action: () => string): void {
  try {
    process.stdout.write(action());
  } catch (e) {
    process.exitCode = reportFailure(e);
  }
}

/**
 * `org-trust validate | head -1`: a reader that stops early closes the pipe, and the next
 * write fails with EPIPE. That is not an error of ours: exit quietly, with the code so far.
 */
export function exitQuietlyWhenStdoutCloses(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    process.exit(e.code === 'EPIPE' ? Number(process.exitCode ?? 0) : reportFailure(e));
  });
}

const configOption = () => new Option('-c, --config <file>', 'the organization config').default(DEFAULT_CONFIG);

export function buildProgram(): Command {
  const program = new Command('org-trust')
    .version(packageVersion(), '-V, --version', 'print the version of org-trust')
    .description('AWS Organizations cross-account trust from org.yaml: check the config, print aws-vault profiles, report access')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError();

  program
    .command('validate')
    .description('check the config and the lock as synth would, and summarize the accounts, groups and stacks it will produce')
    .addOption(configOption())
    .action((opts: { config: string }) => run(() => validateCommand(opts)));

  program
    .command('aws-config')
    .description("print ~/.aws/config profiles for one user for aws-vault (or Granted or `aws login`, with --for; or, with --links/--extension, console switch-role URLs or the 'AWS Extend Switch Roles' config)")
    .addOption(configOption())
    .requiredOption('-u, --user <name>', 'an identity-account user (identity.groups[].users) or a management user (management.users)')
    .option('-o, --outputs <file>', 'account ids from `terraform output -json` of the management stack ("-" reads stdin)')
    .addOption(new Option('--links', 'print console switch-role URLs instead of profiles').conflicts('extension'))
    .addOption(new Option('--extension', "print a configuration for the 'AWS Extend Switch Roles' browser extension instead"))
    .addOption(new Option('--for <tool>', 'the credential tool the profiles are for').choices(CREDENTIAL_FORMATS).default('aws-vault'))
    .action((opts: { config: string; user: string; outputs?: string; links?: boolean; extension?: boolean; for: CredentialFormat }) =>
      run(() => awsConfigCommand({ ...opts, format: opts.for })),
    );

  program
    .command('report')
    .description('evaluate the synthesized stacks: access matrix, trust principals of every member role, Mermaid trust graph')
    .addOption(configOption())
    .option('--out <dir>', 'the directory cdktf synthesized into', 'cdktf.out')
    .option('--base <dir>', "compare with this synth (the base branch's): who gains and loses access, accounts and stacks that change; exit 3 when access grows")
    .addOption(new Option('-f, --format <format>', 'md for pull requests, json for machines').choices(REPORT_FORMATS).default('md'))
    .action((opts: { config: string; out: string; base?: string; format: ReportFormat }) =>
      run(() => {
        if (opts.base === undefined) return reportCommand(opts);
        const { text, exitCode } = reportDiffCommand({ ...opts, base: opts.base });
        process.exitCode = exitCode;
        return text;
      }),
    );

  program
    .command('ci')
    .description('print a GitHub Actions workflow (synth, access diff on the PR, plan of changed stacks, apply on merge in rollout order) or an atlantis.yaml (a project per stack)')
    .addOption(configOption())
    .addArgument(new Argument('<engine>', 'github-actions or atlantis').choices(CI_ENGINES))
    .action((engine: CiEngine, opts: { config: string }) => run(() => ciCommand({ ...opts, engine })));

  registerLiveCommands(program, configOption);
  return program;
}

/** The version in package.json, read at run time (the CLI runs from source through tsx). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
}
