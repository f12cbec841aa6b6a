/**
 * org-trust: validate org.yaml, print aws-vault profiles, report who can assume what; and,
 * read-only against the live organization, discover, preflight and verify.
 * Bad input prints its message alone and exits 1; an unexpected error exits 2 (DEBUG=1
 * adds its stack trace).
 */
import { Command, Option } from 'commander';
import { reportFailure } from '../config/report-failure';
import { awsConfigCommand } from './commands/aws-config';
import { REPORT_FORMATS, reportCommand, type ReportFormat } from './commands/report';
import { validateCommand } from './commands/validate';
import { CliError } from './errors';
import { DEFAULT_CONFIG } from '../lock/load-org';
import { registerLiveCommands } from './live/register-live-commands';

function run(action: () => string): void {
  try {
    process.stdout.write(action());
  } catch (e) {
    process.exitCode = reportFailure(e, (error) => error instanceof CliError);
  }
}

const configOption = () => new Option('-c, --config <file>', 'the organization config').default(DEFAULT_CONFIG);

export function buildProgram(): Command {
  const program = new Command('org-trust')
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
    .description("print ~/.aws/config profiles for aws-vault for one user (or, with --links/--extension, console switch-role URLs or the 'AWS Extend Switch Roles' config)")
    .addOption(configOption())
    .requiredOption('-u, --user <name>', 'an identity-account user (identity.groups[].users) or a management user (management.users)')
    .option('-o, --outputs <file>', 'account ids from `terraform output -json` of the management stack ("-" reads stdin)')
    .addOption(new Option('--links', 'print console switch-role URLs instead of profiles').conflicts('extension'))
    .addOption(new Option('--extension', "print a configuration for the 'AWS Extend Switch Roles' browser extension instead"))
    .action((opts: { config: string; user: string; outputs?: string; links?: boolean; extension?: boolean }) => run(() => awsConfigCommand(opts)));

  program
    .command('report')
    .description('evaluate the synthesized stacks: access matrix, trust principals of every member role, Mermaid trust graph')
    .addOption(configOption())
    .option('--out <dir>', 'the directory cdktf synthesized into', 'cdktf.out')
    .addOption(new Option('-f, --format <format>', 'md for pull requests, json for machines').choices(REPORT_FORMATS).default('md'))
    .action((opts: { config: string; out: string; format: ReportFormat }) => run(() => reportCommand(opts)));

  registerLiveCommands(program, configOption);
  return program;
}

