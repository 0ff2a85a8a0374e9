// `cr agents`: the subagent definitions, their model: and cr's pick, as text, JSON and a diff. Pure.
import path from 'node:path';
import type { AgentDefinition, AgentScope, MalformedAgent } from '../agents/agent-files.js';
import type { AgentRecommendation } from '../agents/recommend.js';
import type { Palette } from '../ui/colors.js';
import { cutWithEllipsis, visible } from '../ui/format.js';
import type { Tier } from '../types.js';

/** Whether a file's model: is cr's pick; "not-compared": a model of no known family. */
export type AgentVerdict = 'agrees' | 'differs' | 'not-compared';

export interface AgentRow {
  definition: AgentDefinition;
  recommended: AgentRecommendation;
  /** The tier the file's model: names (undefined: none, inherit, or no known family). */
  runsOn: Tier | undefined;
  verdict: AgentVerdict;
}

/** A path as a person reads it here: under the working directory relative to it, under home with "~". */
export function displayPath(file: string, cwd: string, home: string): string {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  if (file.startsWith(`${home}${path.sep}`)) return `~${file.slice(home.length)}`;
  return file;
}

function shorten(text: string, width: number): string {
  const flat = visible(text.replace(/\s+/g, ' '));
  return cutWithEllipsis(flat, Math.max(2, width)); // at least one character before the "…"
}

export interface AgentsViewOptions {
  cwd: string;
  home: string;
  color: Palette;
  columns: number;
}

const MARK: Record<AgentVerdict, string> = { agrees: '✓', differs: '✗', 'not-compared': '·' };

/** The table: one line per agent Claude Code loads, cr's reason under it; then shadowed and skipped files. */
export function renderAgents(
  rows: readonly AgentRow[],
  malformed: readonly MalformedAgent[],
  options: AgentsViewOptions,
): string {
  const p = options.color;
  const shown = (file: string) => displayPath(file, options.cwd, options.home);
  const loaded = rows.filter((r) => !r.definition.shadowedBy);
  const out: string[] = [];
  if (loaded.length) {
    const nameWidth = Math.max(4, ...loaded.map((r) => r.definition.agent.name.length));
    const modelWidth = Math.max(5, ...loaded.map((r) => (r.definition.agent.model ?? '—').length));
    out.push(p.dim(`${'name'.padEnd(nameWidth)}  ${'model'.padEnd(modelWidth)}  cr        conf  file`));
    for (const r of loaded) {
      const mark =
        r.verdict === 'agrees' ? p.good(MARK.agrees) : r.verdict === 'differs' ? p.bad(MARK.differs) : p.dim('·');
      const model = r.definition.agent.model ?? '—';
      out.push(
        `${r.definition.agent.name.padEnd(nameWidth)}  ${model.padEnd(modelWidth)}  ${p.tier(r.recommended.tier, r.recommended.tier.padEnd(6))} ${mark}  ${r.recommended.confidence.toFixed(2)}  ${shown(r.definition.file)}`,
      );
      out.push(
        p.dim(
          `${' '.repeat(nameWidth + modelWidth + 4)}${shorten(r.recommended.why, Math.max(20, options.columns - nameWidth - modelWidth - 4))}`,
        ),
      );
    }
  }
  for (const r of rows.filter((row) => row.definition.shadowedBy))
    out.push(
      p.dim(
        `shadowed ${r.definition.agent.name}: ${shown(r.definition.file)} (Claude Code loads ${shown(r.definition.shadowedBy!)})`,
      ),
    );
  for (const m of malformed) out.push(`${p.warn('skipped')} ${shown(m.file)}: ${m.problem}`);
  return out.length ? `${out.join('\n')}\n` : '';
}

/** The closing line: how many differ and what to do about it. */
export function agentsSummary(rows: readonly AgentRow[], folders: string[]): string {
  const loaded = rows.filter((r) => !r.definition.shadowedBy);
  if (loaded.length === 0) return `no subagent definitions in ${folders.join(' or ')}\n`;
  const differ = loaded.filter((r) => r.verdict === 'differs').length;
  const noun = loaded.length === 1 ? 'agent' : 'agents';
  if (differ === 0) return `${loaded.length} ${noun}: every model: is cr's pick\n`;
  return `${differ} of ${loaded.length} ${noun} differ from cr's pick: cr agents --write sets model: in ${differ === 1 ? 'that file' : 'those files'}\n`;
}

/** The JSON of `cr agents --json`. */
export function agentsJson(
  rows: readonly AgentRow[],
  malformed: readonly MalformedAgent[],
  folders: { scope: AgentScope; dir: string }[],
): object {
  return {
    agents: rows.map((r) => ({
      name: r.definition.agent.name,
      file: r.definition.file,
      scope: r.definition.scope,
      model: r.definition.agent.model ?? null,
      runsOn: r.runsOn ?? null,
      recommended: r.recommended,
      verdict: r.verdict,
      ...(r.definition.shadowedBy ? { shadowedBy: r.definition.shadowedBy } : {}),
    })),
    malformed,
    folders,
  };
}

/** One file's change as a diff of the one line that changes (or is added), with its line number. */
export function renderChange(file: string, before: string, after: string, p: Palette): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const clean = (line: string) => visible(line.replace(/\r$/, ''));
  const lines = [p.heading(file)];
  if (b.length === a.length) lines.push(p.bad(`${String(i + 1).padStart(4)} - ${clean(a[i]!)}`));
  lines.push(p.good(`${String(i + 1).padStart(4)} + ${clean(b[i]!)}`));
  return `${lines.join('\n')}\n`;
}
