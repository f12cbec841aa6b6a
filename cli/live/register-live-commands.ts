import { InvalidArgumentError, Option, type Command } from 'commander';
import { LIVE_EXIT_CODES, reportFailure } from '../../errors/report-failure';
import { discoverCommand } from '../commands/discover';
import { preflightCommand } from '../commands/preflight';
import { verifyCommand } from '../commands/verify';
import { escapeControls } from '../control-chars';
import { commandOutput, type CommandResult } from './command-result';

/**
 * Exit codes of the live commands: 0 all good; 1 something blocks the apply, drift, or an
 * AWS call failed (its message names the call); 2 bad options or a bad config. No stack
 * trace unless DEBUG=1.
 */
async function runLive(action: () => Promise<CommandResult>): Promise<void> {
  try {
    const result = await action();
    process.stdout.write(commandOutput(result));
    process.exitCode = result.exitCode;
  } catch (e) {
    // Errors may name live accounts and OUs too: their control characters are escaped line by line.
    if (e instanceof Error) e.message = e.message.split('\n').map(escapeControls).join('\n');
    process.exitCode = reportFailure(e, LIVE_EXIT_CODES);
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('must be a whole number from 1 to 64');
  return n;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
function region(value: string): string {
  if (!REGION.test(value)) throw new InvalidArgumentError('must be an AWS region such as us-east-1');
  return value;
}

interface CommonOptions {
  config: string;
  region?: string;
  profile?: string;
  concurrency: number;
}

function addAwsOptions(command: Command, configOption: () => Option, regionHelp: string): Command {
  return command
    // Usage errors exit 2 here (commander's own code is 1): 1 means "blocks" or "drift".
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .addOption(configOption())
    .option('--region <region>', regionHelp, region)
    .option('--profile <name>', 'a profile of ~/.aws/config (default: the standard credential chain, e.g. under aws-vault exec)')
    .option('--concurrency <n>', 'AWS calls in flight at once', positiveInt, 8);
}

/** discover, preflight and verify: read-only commands on the live organization (AWS SDK v3). */
export function registerLiveCommands(program: Command, configOption: () => Option): void {
  const format = () => new Option('-f, --format <format>', 'text for people, json for machines').choices(['text', 'json']).default('text');
  const out = () => new Option('--out <dir>', 'the directory cdktf synthesized into').default('cdktf.out');

  addAwsOptions(
    program.command('discover').description('read the organization and write org.yaml and its lock, so that the first synth imports every OU and account and creates nothing'),
    () => configOption().default('org.yaml'),
    'region written to the config (default: AWS_REGION, else us-east-1)',
  )
    .requiredOption('--identity-account <name|id>', 'the member account where people live (identityAccount)')
    .option('--role-name <name>', 'the cross-account role to look for (default: OrganizationAccountAccessRole, then AWSControlTowerExecution)')
    .option('--force', 'overwrite an existing config and lock', false)
    .action((opts: CommonOptions & { identityAccount: string; roleName?: string; force: boolean }) =>
      runLive(() => discoverCommand({ ...opts, region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1' })),
    );

  const checks = [
    {
      name: 'preflight',
      description: 'before an apply: accounts exist and are ACTIVE, the runner can read the role in each member, principals the apply would drop, SCPs in the way, the account quota; exit 1 when something blocks',
      command: preflightCommand,
    },
    {
      name: 'verify',
      description: 'after an apply: live trust policies, identity groups and policies, and OUs against the synthesized JSON; exit 1 on drift',
      command: verifyCommand,
    },
  ];
  for (const check of checks) {
    addAwsOptions(program.command(check.name).description(check.description), configOption, 'region for STS (default: organization.region of the config)')
      .addOption(out())
      .addOption(format())
      .action((opts: CommonOptions & { out: string; format: 'text' | 'json' }) => runLive(() => check.command(opts)));
  }
}
