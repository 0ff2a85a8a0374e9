import path from 'node:path';
import type { Command } from 'commander';
import { agentFolders, listAgents, type AgentDefinition } from '../agents/agent-files.js';
import { withModel } from '../agents/frontmatter.js';
import { recommendAgentTier, tierOfAgentModel } from '../agents/recommend.js';
import type { AppContext } from '../context.js';
import { CrError, EXIT, UsageError } from '../errors.js';
import {
  agentsJson,
  agentsSummary,
  displayPath,
  renderAgents,
  renderChange,
  type AgentRow,
} from '../report/agents-view.js';
import { confirm, whyNoPrompt } from '../ui/prompt.js';
import type { SubcommandModule } from './registry.js';
import { wrappedHelpText } from '../ui/help-text.js';

const fs = process.getBuiltinModule('node:fs');

interface AgentsOptions {
  json?: boolean;
  write?: boolean;
  yes?: boolean;
  check?: boolean;
}

/** Each definition with cr's pick and whether its model: is that pick. */
export function agentRows(definitions: readonly AgentDefinition[]): AgentRow[] {
  return definitions.map((definition) => {
    const recommended = recommendAgentTier(definition.agent.description, definition.agent.body);
    const model = definition.agent.model;
    const runsOn = tierOfAgentModel(model);
    // No model: and "inherit" run on whatever the session runs on, not on cr's pick.
    const verdict =
      runsOn === recommended.tier
        ? 'agrees'
        : runsOn === undefined && model !== undefined && model !== 'inherit'
          ? 'not-compared'
          : 'differs';
    return { definition, recommended, runsOn, verdict };
  });
}

interface Change {
  row: AgentRow;
  text: string;
}

/** Writes the new text over the file it was read from, keeping its mode; refuses a file changed since. */
function writeChange(change: Change): void {
  const file = fs.realpathSync(change.row.definition.file);
  if (fs.readFileSync(file, 'utf8') !== change.row.definition.source) throw new Error('it changed since cr read it');
  const mode = fs.statSync(file).mode & 0o7777;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.cr-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, change.text, { mode });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export async function runAgents(ctx: AppContext, options: AgentsOptions): Promise<number> {
  if (options.write && options.check)
    throw new UsageError('choose one: --write changes the files, --check only reports');
  if (options.yes && !options.write) throw new UsageError('--yes goes with --write');
  if (options.write && options.json && !options.yes)
    throw new UsageError('--write --json cannot ask before writing: add --yes');
  const folders = agentFolders(ctx.cwd, ctx.home, ctx.env);
  const listing = listAgents(folders);
  const rows = agentRows(listing.agents);
  const shown = (file: string) => displayPath(file, ctx.cwd, ctx.home);
  const loaded = rows.filter((r) => !r.definition.shadowedBy);
  const differing = loaded.filter((r) => r.verdict === 'differs');

  if (!options.write) {
    if (options.json) ctx.out(`${JSON.stringify(agentsJson(rows, listing.malformed, listing.folders), null, 2)}\n`);
    else {
      ctx.out(
        renderAgents(rows, listing.malformed, { cwd: ctx.cwd, home: ctx.home, color: ctx.color, columns: ctx.columns }),
      );
      ctx.out(
        agentsSummary(
          rows,
          listing.folders.map((f) => shown(f.dir)),
        ),
      );
    }
    return options.check && differing.length > 0 ? EXIT.failure : EXIT.ok;
  }

  const changes: Change[] = [];
  const refused: string[] = [];
  for (const row of differing) {
    const result = withModel(row.definition.source, row.recommended.tier);
    if ('problem' in result) refused.push(`not changing ${shown(row.definition.file)}: ${result.problem}`);
    else changes.push({ row, text: result.text });
  }
  const p = ctx.color;
  const files = `${changes.length} file${changes.length === 1 ? '' : 's'}`;
  // Where nothing can ask, one line says so before anything else is shown.
  const noPrompt = options.yes || changes.length === 0 ? undefined : whyNoPrompt(ctx);
  if (noPrompt)
    throw new UsageError(
      `cr agents --write: cannot ask before changing ${files} (${noPrompt}); add --yes to write them`,
    );
  if (!options.json) {
    for (const m of listing.malformed) ctx.err(`${ctx.errColor.warn('cr:')} skipped ${shown(m.file)}: ${m.problem}\n`);
    for (const line of refused) ctx.err(`${ctx.errColor.warn('cr:')} ${line}\n`);
    for (const c of changes) ctx.out(renderChange(shown(c.row.definition.file), c.row.definition.source, c.text, p));
  }
  if (changes.length === 0) {
    if (options.json) ctx.out(`${JSON.stringify({ written: [], refused }, null, 2)}\n`);
    else
      ctx.out(
        `${rows.length === 0 ? 'no agents found' : differing.length ? 'nothing cr can change' : "every model: is cr's pick"}; nothing written\n`,
      );
    return EXIT.ok;
  }
  if (!options.yes && !(await confirm(ctx, `Set model: in ${files}?`, false))) {
    ctx.out('nothing written\n');
    return EXIT.ok;
  }
  const written: string[] = [];
  const failed: string[] = [];
  for (const c of changes) {
    try {
      writeChange(c);
      written.push(c.row.definition.file);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      failed.push(`could not write ${shown(c.row.definition.file)}: ${why}`);
    }
  }
  if (options.json) ctx.out(`${JSON.stringify({ written, refused: [...refused, ...failed] }, null, 2)}\n`);
  else {
    for (const file of written) ctx.out(`${p.good('wrote')} ${shown(file)}\n`);
    for (const line of failed) ctx.err(`${ctx.errColor.bad('cr:')} ${line}\n`);
  }
  if (failed.length) throw new CrError(`wrote ${written.length} of ${files}`, EXIT.failure);
  return EXIT.ok;
}

const agents: SubcommandModule = {
  name: 'agents',
  register(program: Command, ctx: AppContext, setExit) {
    program
      .command('agents')
      .description("list the subagents Claude Code loads here, each file's model: and the tier cr recommends")
      .option('--json', 'print the list as JSON')
      .option('--check', "exit 1 when a file's model: is not cr's pick (for CI)")
      .option('--write', "set model: to cr's pick in the files that differ: shows the change, then asks")
      .option('-y, --yes', 'with --write: write without asking')
      .addHelpText(
        'after',
        wrappedHelpText(`
Claude Code loads .claude/agents/*.md from this directory and those above it (up to the git
repository's root), then ~/.claude/agents/*.md ($CLAUDE_CONFIG_DIR/agents); a project's agent wins
over the user's of the same name. cr reads the description and the body's opening paragraph with
the classifier of cr --explain. No model: and "inherit" differ from any pick: the agent then runs on the session's
model. --write changes only the model: line, or adds one, and nothing else in the file; a file cr
cannot read as an agent is named and never written. Claude Code's own \`claude agents\` (background
agents) is reached as claude agents.
`),
      )
      .action(async (options: AgentsOptions) => setExit(await runAgents(ctx, options)));
  },
};

export default agents;
