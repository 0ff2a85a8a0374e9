import type { Dirent } from 'node:fs';
// The subagent definitions Claude Code loads, found as Claude Code 2.1.332 finds them (checked by
// running it against a stand-in API and reading the agent list it sends):
// - project: `.claude/agents/` in the working directory and in each directory above it, up to the
//   root of the git repository it is in (that one included), else up to the home directory (not
//   included) or the file system's root;
// - user: `~/.claude/agents/` (`$CLAUDE_CONFIG_DIR/agents` when that is set);
// - every `*.md` file below such a folder, subfolders included.
// An agent is known by its `name:`, not its file name. When two files give the same name, the
// nearer project folder wins over a farther one and any project folder over the user's; within one
// folder, the file that comes later in path order wins.
import path from 'node:path';
import { parseAgent, type AgentText } from './frontmatter.js';

const fs = process.getBuiltinModule('node:fs');

export type AgentScope = 'project' | 'user';

export interface AgentFolder {
  scope: AgentScope;
  dir: string;
}

export interface AgentFile {
  file: string;
  scope: AgentScope;
  /** The file's text as read. */
  source: string;
}

export interface AgentDefinition extends AgentFile {
  agent: AgentText;
  /** The file whose definition of the same name Claude Code loads instead of this one. */
  shadowedBy?: string;
}

export interface MalformedAgent {
  file: string;
  scope: AgentScope;
  problem: string;
}

export interface AgentListing {
  /** Every definition found, those Claude Code loads first (in name order), then shadowed ones. */
  agents: AgentDefinition[];
  malformed: MalformedAgent[];
  folders: AgentFolder[];
}

/** Folders deeper than this below an agents folder are not looked into. */
const MAX_DEPTH = 8;

const isUnder = (dir: string, root: string) =>
  dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** The agents folders, nearest project folder first, the user's last. */
export function agentFolders(cwd: string, home: string, env: NodeJS.ProcessEnv): AgentFolder[] {
  const folders: AgentFolder[] = [];
  const homeDir = path.resolve(home);
  let dir = path.resolve(cwd);
  const underHome = isUnder(dir, homeDir);
  for (;;) {
    if (underHome && dir === homeDir) break;
    folders.push({ scope: 'project', dir: path.join(dir, '.claude', 'agents') });
    if (fs.existsSync(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const configDir = env.CLAUDE_CONFIG_DIR?.trim();
  const user = configDir ? path.resolve(configDir, 'agents') : path.join(homeDir, '.claude', 'agents');
  if (!folders.some((f) => f.dir === user)) folders.push({ scope: 'user', dir: user });
  return folders;
}

/** Every `*.md` below `dir`, in path order. */
function markdownFiles(dir: string, depth = 0): string[] {
  let entries: Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let st: import('node:fs').Stats | undefined;
      try {
        st = fs.statSync(full, { throwIfNoEntry: false });
      } catch {
        // A link in a loop (ELOOP) or through a file (ENOTDIR): nothing to read there.
      }
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir && depth < MAX_DEPTH) files.push(...markdownFiles(full, depth + 1));
    else if (isFile && entry.name.endsWith('.md')) files.push(full);
  }
  return files;
}

/** Reads every definition in the folders; those that are not one are named with why. */
export function listAgents(folders: readonly AgentFolder[]): AgentListing {
  const found: AgentDefinition[] = [];
  const malformed: MalformedAgent[] = [];
  // Lowest precedence first (the user's folder, then project folders from the farthest): a later
  // definition of a name replaces an earlier one.
  const winners = new Map<string, AgentDefinition>();
  for (const folder of [...folders].reverse()) {
    for (const file of markdownFiles(folder.dir)) {
      let source: string;
      try {
        source = fs.readFileSync(file, 'utf8');
      } catch (error) {
        malformed.push({
          file,
          scope: folder.scope,
          problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        });
        continue;
      }
      const parsed = parseAgent(source);
      if (!parsed.ok) {
        malformed.push({ file, scope: folder.scope, problem: parsed.problem });
        continue;
      }
      const definition: AgentDefinition = { file, scope: folder.scope, source, agent: parsed.agent };
      found.push(definition);
      winners.set(parsed.agent.name, definition);
    }
  }
  for (const d of found) {
    const winner = winners.get(d.agent.name)!;
    if (winner !== d) d.shadowedBy = winner.file;
  }
  const byName = (a: AgentDefinition, b: AgentDefinition) =>
    a.agent.name < b.agent.name ? -1 : a.agent.name > b.agent.name ? 1 : 0;
  return {
    agents: [...found.filter((d) => !d.shadowedBy).sort(byName), ...found.filter((d) => d.shadowedBy).sort(byName)],
    malformed,
    folders: [...folders],
  };
}
