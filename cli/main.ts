/**
 * org-trust: validate org.yaml, print aws-vault profiles, report who can assume what.
 * Errors print their message alone (no stack trace; DEBUG=1 adds it) and exit 1.
 */
import { Command, Option } from 'commander';
import { ConfigError } from '../config/config-error';
import { awsConfigCommand } from './commands/aws-config';
import { REPORT_FORMATS, reportCommand, type ReportFormat } from './commands/report';
import { validateCommand } from './commands/validate';
import { CliError } from './errors';
import { DEFAULT_CONFIG } from './load';

function run(action: () => string): void {
  try {
    process.stdout.write(action());
  } catch (e) {
    if (e instanceof ConfigError || e instanceof CliError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`error: ${(e as Error).message}\n${process.env.DEBUG ? `${(e as Error).stack}\n` : ''}`);
    process.exitCode = 2;
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

  return program;
}

if (require.main === module || process.argv[1]?.endsWith('org-trust.js') || process.argv[1]?.endsWith('org-trust')) {
  buildProgram().parse();
}
