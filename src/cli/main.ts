import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../core/version.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, isProblem } from '../core/problem.js';
import { SCOPES } from '../people/model.js';
import { registerCount } from './count.js';
import { registerRation } from './ration.js';
import { registerPlan } from './plan.js';
import { registerMonitor } from './monitor.js';

// Kept light: commands that need the database or the server load `./commands.js` when
// they run, so `cordon count` and `--help` start in a fraction of a second.
const err = (s: string) => process.stderr.write(`${s}\n`);
const commands = () => import('./commands.js');
const dataOption = () => new Option('--data <dir>', 'data directory (embedded database, audit key); env CORDON_DATA').default(undefined, './.cordon');

export function buildProgram(result: { code: number }): Command {
  const program = new Command()
    .name('cordon')
    .description('Cordón: democratic economic coordination — councils, supply, plan, monitor.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 failure, 2 bad input or usage.\nEnvironment: DATABASE_URL (use a PostgreSQL server), CORDON_DATA, PORT, HOST, LOG_LEVEL.',
    );

  program
    .command('start')
    .description('run the server (embedded database by default; PostgreSQL when DATABASE_URL is set)')
    .option('--port <n>', 'port to listen on; env PORT (default 8080)')
    .addOption(dataOption())
    .option('--no-demo', 'do not load the demo federation into an empty database')
    .action(async (opts: { port?: string; data?: string; demo?: boolean }) => {
      result.code = await (await commands()).start(opts);
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .addOption(dataOption())
    .action(async (opts: { data?: string }) => {
      result.code = await (await commands()).migrateCommand(opts);
    });

  registerCount(program, result, (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`), err);
  registerRation(program, result, (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`), err);
  registerPlan(program, result, (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`), err);
  registerMonitor(program, result, (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`), err);

  const audit = program.command('audit').description('the tamper-evident audit chain');
  audit
    .command('verify')
    .description('recompute the chain and name the first event that does not match')
    .addOption(dataOption())
    .option('--json', 'print the report as JSON')
    .action(async (opts: { data?: string; json?: boolean }) => {
      result.code = await (await commands()).auditVerify(opts);
    });
  audit
    .command('seal')
    .description('seal unsealed events now (the server does this every second)')
    .addOption(dataOption())
    .action(async (opts: { data?: string }) => {
      result.code = await (await commands()).auditSeal(opts);
    });

  program
    .command('user')
    .description('accounts')
    .command('add <username>')
    .description('create an account; prints a generated password unless --password-stdin')
    .requiredOption('--name <display name>', 'the name people see')
    .option('--admin', 'make an administrator')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(dataOption())
    .action(async (username: string, opts: { name: string; admin?: boolean; passwordStdin?: boolean; data?: string }) => {
      result.code = await (await commands()).userAdd(username, opts);
    });

  const body = program.command('body').description('the federation of bodies');
  body
    .command('tree')
    .description('print the federation: every body, its members, and the delegates it sends up with their confidence')
    .addOption(dataOption())
    .option('--json', 'print the bodies and delegations as JSON')
    .action(async (opts: { data?: string; json?: boolean }) => {
      result.code = await (await commands()).bodyTree(opts);
    });
  body
    .command('add')
    .description('found a body')
    .requiredOption('--kind <kind>', 'workplace, neighbourhood, supply_committee, peasant, soldiers, union, cordon, regional, national_assembly, custom')
    .requiredOption('--name <name>', "the body's name")
    .option('--parent <id>', 'the body it sends delegates to')
    .option('--charter <json>', 'charter fields, e.g. \'{"delegates":{"fixed":2},"weighting":"constituency"}\'')
    .addOption(dataOption())
    .action(async (opts: { kind: string; name: string; parent?: string; charter?: string; data?: string }) => {
      result.code = await (await commands()).bodyAdd(opts);
    });

  body
    .command('show <id>')
    .description('a body: its charter (with defaults filled in), members and offices, and the delegates it sends up')
    .addOption(dataOption())
    .option('--json', 'print it as JSON')
    .action(async (id: string, opts: { data?: string; json?: boolean }) => {
      result.code = await (await commands()).bodyShow(id, opts);
    });
  body
    .command('join <id> <usernames...>')
    .description('make people members of a base body')
    .addOption(dataOption())
    .action(async (id: string, usernames: string[], opts: { data?: string }) => {
      result.code = await (await commands()).bodyJoin(id, usernames, opts);
    });
  body
    .command('office <id>')
    .description('give a member an office in the body (chair, secretary, supply_officer, …)')
    .requiredOption('--user <username>', 'the member')
    .requiredOption('--title <title>', 'the office, lower-case words joined by _')
    .addOption(dataOption())
    .action(async (id: string, opts: { user: string; title: string; data?: string }) => {
      result.code = await (await commands()).bodyOffice(id, opts);
    });
  body
    .command('move <id>')
    .description('put a body under another parent (a move that makes a cycle is refused)')
    .option('--parent <id>', 'the new parent')
    .option('--root', 'make it a root of the federation')
    .addOption(dataOption())
    .action(async (id: string, opts: { parent?: string; root?: boolean; data?: string }) => {
      result.code = await (await commands()).bodyMove(id, opts);
    });

  const supply = program.command('supply').description("people's supply committees: households, stock, rations, pickups");
  supply
    .command('import <file>')
    .description('import the household register (CSV, docs/formats.md) into a committee; a file with errors writes nothing')
    .requiredOption('--committee <id>', 'the supply committee')
    .option('--dry-run', 'check the file and report, writing nothing')
    .option('--skip-invalid', 'import the households whose lines are all good, skipping the rest')
    .addOption(dataOption())
    .action(async (file: string, opts: { committee: string; dryRun?: boolean; skipInvalid?: boolean; data?: string }) => {
      result.code = await (await commands()).supplyImport(file, opts);
    });

  const token = program.command('token').description('bearer tokens for devices and enterprise reporting');
  token
    .command('create')
    .description('create a token for a person; prints the secret once')
    .requiredOption('--user <username>', 'whose token it is')
    .requiredOption('--name <name>', 'what it is for, e.g. "Madeco line 2 reporter"')
    .option('--scope <scopes>', `comma-separated: ${SCOPES.join(', ')}`, 'read')
    .option('--expires-days <n>', 'days until it stops working')
    .addOption(dataOption())
    .action(async (opts: { user: string; name: string; scope: string; expiresDays?: string; data?: string }) => {
      result.code = await (await commands()).tokenCreate(opts);
    });
  token
    .command('revoke <id>')
    .description('revoke a token by its id')
    .addOption(dataOption())
    .action(async (id: string, opts: { data?: string }) => {
      result.code = await (await commands()).tokenRevoke(id, opts);
    });

  return program;
}

/** Runs the CLI; returns the exit code (documented in README: 0 ok, 1 failure, 2 bad input or usage). */
export async function main(argv: readonly string[]): Promise<number> {
  const result = { code: EXIT_OK };
  const program = buildProgram(result);
  try {
    await program.parseAsync([...argv]);
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_BAD_INPUT; // commander has already printed the reason
    }
    if (isProblem(e)) {
      err(`cordon: ${e.message}`);
      return e.exitCode;
    }
    err(`cordon: ${(e as Error).message ?? String(e)}`);
    if (process.env.LOG_LEVEL === 'debug') err((e as Error).stack ?? '');
    return EXIT_FAILURE;
  }
}
