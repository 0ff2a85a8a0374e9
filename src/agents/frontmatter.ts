// A subagent definition: Markdown with YAML frontmatter between two `---` lines, read the way
// Claude Code reads it, and its `model:` line changed without touching a byte of anything else.
import yaml from 'js-yaml';

export interface AgentText {
  name: string;
  description: string;
  /** `model:` as written (an alias, a model id, "inherit"); undefined when the file sets none. */
  model: string | undefined;
  /** The Markdown after the frontmatter: the agent's system prompt. */
  body: string;
  /** Every field of the frontmatter, as parsed. */
  fields: Record<string, unknown>;
}

export type ParsedAgent = { ok: true; agent: AgentText } | { ok: false; problem: string };

/** The frontmatter's place in the text: offsets of its first line, its closing `---` line and its line ends. */
interface Frontmatter {
  /** Offset where the frontmatter's first line (after the opening `---`) starts. */
  start: number;
  /** Offset where the closing `---` line starts. */
  end: number;
  /** Offset just past the closing `---` line (its line end included). */
  after: number;
  eol: string;
}

function locate(text: string): Frontmatter | string {
  const open = /^(?:\uFEFF)?---[ \t]*(\r?\n)/.exec(text);
  if (!open) return 'no frontmatter (the file must start with a --- line)';
  const eol = open[1]!;
  const close = /^---[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return 'the frontmatter has no closing --- line';
  const start = open[0].length;
  return { start, end: start + m.index, after: start + m.index + m[0].length, eol };
}

/**
 * Claude Code reads frontmatter that YAML rejects by quoting the values of `key: value` lines that
 * hold YAML's special characters (an unquoted "Use when: …" description, a "[" at the start) and
 * trying again; so does cr, so that it lists the agents Claude Code loads.
 */
function quoteLooseValues(frontmatter: string): string {
  return frontmatter.replace(/^([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*$/gm, (line, key: string, value: string) => {
    if (/^["'|>]/.test(value) || !/[{}[\]*&#!|>%@`]|: /.test(value)) return line;
    return `${key}: "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
}

function loadFields(frontmatter: string): Record<string, unknown> | string {
  let data: unknown;
  try {
    data = yaml.load(frontmatter);
  } catch (first) {
    try {
      data = yaml.load(quoteLooseValues(frontmatter));
    } catch {
      return `the frontmatter is not valid YAML (${(first as Error).message.split('\n')[0]})`;
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return 'the frontmatter is not a list of key: value settings';
  return data as Record<string, unknown>;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** A definition as Claude Code loads it: named, described, with an optional model; or why it is not one. */
export function parseAgent(source: string): ParsedAgent {
  const place = locate(source);
  if (typeof place === 'string') return { ok: false, problem: place };
  const fields = loadFields(source.slice(place.start, place.end));
  if (typeof fields === 'string') return { ok: false, problem: fields };
  const name = text(fields.name);
  if (!name) return { ok: false, problem: 'no name: in the frontmatter' };
  const description = text(fields.description);
  if (!description) return { ok: false, problem: 'no description: in the frontmatter' };
  if (fields.model !== undefined && fields.model !== null && typeof fields.model !== 'string')
    return { ok: false, problem: 'model: is not a model name' };
  const model = text(fields.model);
  return { ok: true, agent: { name, description, model, body: source.slice(place.after), fields } };
}

/** The top-level `model:` line, by its offsets: start, end (before its line end) and how it is written. */
const MODEL_LINE = /^model([ \t]*:[ \t]*)(?:(["'])(.*?)\2|([^\s#"'][^#\r\n]*?))?([ \t]+#[^\r\n]*)?[ \t]*(?=\r?$)/gm;

/**
 * The file with `model:` set to `model`: its one `model:` line rewritten (quotes and a trailing
 * comment kept), or one line added before the closing `---`. Every other byte stays. A problem
 * instead when the line cannot be changed alone (a value over several lines, a key written twice):
 * the result must read back as the same definition with only the model changed.
 */
export function withModel(source: string, model: string): { text: string } | { problem: string } {
  const parsed = parseAgent(source);
  if (!parsed.ok) return { problem: parsed.problem };
  const place = locate(source) as Frontmatter;
  const frontmatter = source.slice(place.start, place.end);
  const lines = [...frontmatter.matchAll(MODEL_LINE)];
  const keyLines = frontmatter.match(/^model[ \t]*:/gm) ?? [];
  let text: string;
  if (keyLines.length === 0) {
    text = `${source.slice(0, place.end)}model: ${model}${place.eol}${source.slice(place.end)}`;
  } else if (keyLines.length === 1 && lines.length === 1) {
    const line = lines[0]!;
    const quote = line[2] ?? '';
    // "model:" with nothing after the colon gets the space YAML needs before a value.
    const separator = /[ \t]$/.test(line[1]!) ? line[1]! : `${line[1]} `;
    const rewritten = `model${separator}${quote}${model}${quote}${line[5] ?? ''}`;
    const at = place.start + line.index;
    text = `${source.slice(0, at)}${rewritten}${source.slice(at + line[0].length)}`;
  } else {
    return { problem: 'its model: line cannot be changed on its own' };
  }
  const again = parseAgent(text);
  if (!again.ok || again.agent.model !== model || !sameFieldsBut(parsed.agent.fields, again.agent.fields, 'model'))
    return { problem: 'its frontmatter would not read back the same with the new model: line' };
  return { text };
}

function sameFieldsBut(a: Record<string, unknown>, b: Record<string, unknown>, except: string): boolean {
  const strip = (o: Record<string, unknown>) => JSON.stringify(Object.entries(o).filter(([k]) => k !== except));
  return strip(a) === strip(b);
}
