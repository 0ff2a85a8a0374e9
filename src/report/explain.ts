import { cutWithEllipsis, formatInt, visible } from '../ui/format.js';
import type { Decision, TierCap, TierLimit } from '../decide/decision.js';
import type { RuleTrace } from '../decide/rules/index.js';
import type { ClaudeCommand } from '../decide/build-argv.js';
import {
  askText,
  blockedText,
  budgetFigures,
  ceilingSource,
  decisionReasons,
  decisionWarnings,
  describeWindow,
  heldByWords,
  learnedSummary,
  traceNote,
} from './decision-words.js';
import { evidenceLabel } from './evidence-label.js';
import type { Palette } from '../ui/colors.js';
import { tierAbove, type Tier } from '../types.js';
import { sessionSettingLines } from './session-settings-view.js';
import { shellQuote } from '../ui/shell-quote.js';

export function formatCommand(command: ClaudeCommand): string {
  return [command.command, ...command.args].map(shellQuote).join(' ');
}

function shorten(text: string, max: number): string {
  const flat = visible(text.replace(/\s+/g, ' ').trim());
  return cutWithEllipsis(flat, max);
}

/**
 * The flag that moves a decision one tier, toward the classifier's runner-up: a haiku pick whose
 * runner-up is sonnet is one flag away from sonnet, not from opus. From opus or haiku that is always
 * sonnet (never a jump across it); from sonnet, the runner-up (opus when there is none).
 */
function flagHint(tier: Tier, runnerUp: Tier | undefined): string {
  const target = tier !== 'sonnet' ? 'sonnet' : runnerUp === 'haiku' ? 'haiku' : 'opus';
  if (target === 'opus') return 'say why it is hard (a design decision, a review, an unclear spec) or add --opus';
  if (target === 'sonnet') return 'add --sonnet to run it on the daily-work tier';
  return 'name the formulaic work (convert, extract, tag, a commit message) or add --haiku';
}

function whatWouldChange(decision: Decision): string[] {
  const lines: string[] = [];
  const c = decision.classification;
  // A blocking budget refuses every start, a tier flag included: only the budget setting changes that.
  if (decision.blocked) {
    const window = decision.signals.budget?.window ?? 'daily';
    lines.push(
      `nothing starts while ${blockedText(decision)}; raise budget.${window} or change budget.onExceed ("downgrade", "cap:haiku", "ask") in config`,
    );
    return lines;
  }
  if (decision.kind === 'override' && decision.suggested) {
    lines.push(`without your override cr picks ${decision.suggested.tier} (${decision.suggested.rule})`);
    return lines;
  }
  // A ceiling decided the tier: moving the task's words would not change it, only lifting the cap
  // would. A tier flag does (an override wins over the schedule and the budget).
  const caps = decision.caps ?? [];
  if (caps.length > 0 && (decision.rule === 'schedule' || decision.rule === 'budget')) {
    const first = caps[0]!;
    for (const cap of caps)
      lines.push(
        cap.by === 'schedule'
          ? `${ceilingSource(cap)} caps ${cap.from} at ${cap.to}`
          : `over the budget (${budgetFigures(decision.signals.budget!)}), ${ceilingSource(cap)} moved ${cap.from} to ${cap.to}`,
      );
    const what = caps.map((cap) => (cap.by === 'schedule' ? 'the schedule cap' : 'the budget')).join(' and ');
    lines.push(`add --${first.from} to run it on ${first.from} anyway (a tier flag overrides ${what})`);
    const window = decision.signals.budget?.window ?? 'daily';
    for (const cap of caps)
      lines.push(
        cap.by === 'schedule'
          ? "or raise that window's maxTier in config (schedule)"
          : `or raise budget.${window} or change budget.onExceed in config`,
      );
    return lines;
  }
  if (c && decision.rule === 'learned') {
    lines.push(`add --${c.tier} for cr's own pick, or drop what was learned: cr learn --forget`);
    return lines;
  }
  if (c?.defaultedFrom && decision.rule === 'task-type') {
    lines.push(
      `the task's shape leaned ${c.defaultedFrom}; name the work ("convert…", "extract…", "review…", "design…") to move it`,
    );
  } else if (c?.shapeOverruled && decision.rule === 'task-type') {
    const shape = c.evidence
      .filter((e) => e.tier === c.shapeOverruled)
      .slice(0, 2)
      .map(evidenceLabel);
    lines.push(
      `${c.shapeOverruled} scored higher on the task's shape alone${shape.length ? `: ${shape.join(', ')}` : ''}; the task's words decide`,
    );
  } else if (c && decision.rule === 'task-type') {
    const against = c.evidence
      .filter((e) => e.tier === c.runnerUp.tier)
      .slice(0, 2)
      .map(evidenceLabel);
    lines.push(
      `${c.runnerUp.tier} is ${c.runnerUp.margin.toFixed(2)} behind${against.length ? `; it was pulled by ${against.join(', ')}` : ''}`,
    );
  }
  // The classifier's runner-up only when the classifier's pick is the decision (not a rule's).
  lines.push(flagHint(decision.tier, c && c.tier === decision.tier ? c.runnerUp.tier : undefined));
  return lines;
}

/**
 * Why the confidence in the first line is not simply the winning score, when it is not: an agent
 * description's confidence is scaled down, and a rule other than the classifier may have decided.
 */
function scoresNote(decision: Decision): string {
  const c = decision.classification;
  if (!c) return '';
  const classifierDecided = decision.rule === 'task-type';
  if (!classifierDecided && decision.rule !== 'learned')
    return `  (the task classifier's; rule ${decision.rule} decided)`;
  if (classifierDecided && c.confidenceScale !== undefined && c.confidenceScale !== 1) {
    const why = c.roleSentence !== undefined ? ` (a later sentence opens "${c.roleSentence}")` : '';
    return `  (an agent description${why}: confidence is ${c.tier}'s ${c.scores[c.tier].toFixed(2)} × ${c.confidenceScale} = ${c.confidence.toFixed(2)})`;
  }
  return '';
}

/** How a failed print-mode attempt would be run again: retryPlan and retryStep (decide/retry-policy.ts). */
export interface RetryView {
  retries: number;
  fallback?: string;
  /** The tier a retry would run on. */
  tier?: Tier;
  /** The ceiling that keeps it from climbing. */
  heldBy?: TierLimit;
}

/** What a failed print-mode attempt leads to, said once: a retry re-runs the whole task, edits and commands too. */
function retryWords(retry: RetryView, decision: Decision): string | undefined {
  const onFailure = 'on an API failure (5xx, overloaded, time-out, connection error) cr runs the whole task again';
  const fallback = retry.fallback && decision.profile !== retry.fallback ? retry.fallback : undefined;
  const too = 'its edits and commands too';
  if (retry.retries > 0 && retry.tier)
    return `${onFailure} on ${retry.tier}, ${too}${fallback ? `; if that fails too, once more on profile ${fallback}` : ''}`;
  const held =
    retry.retries > 0 && retry.heldBy
      ? `not on ${tierAbove(decision.tier)}: ${heldByWords(retry.heldBy, decision)} caps the tier`
      : undefined;
  if (fallback) return `${onFailure} on profile ${fallback}, ${too}${held ? ` (${held})` : ''}`;
  return held ? `no retry ${held}` : undefined;
}

/** The profile a decision starts claude with, fit to show: its name and what it sets (keys as "$VAR"). */
export interface ProviderView {
  name: string;
  env: Record<string, string>;
  /** Variables taken out of claude's environment (the user's own Anthropic key for a keyless profile). */
  unset?: string[];
}

/** The decision as a person reads it at a glance: tier, why, the evidence, what would change it. */
export function renderExplain(
  decision: Decision,
  command: ClaudeCommand | undefined,
  p: Palette,
  width = 100,
  provider?: ProviderView,
  retry?: RetryView,
): string {
  const label = (text: string) => p.dim(text.padEnd(10));
  const out: string[] = [];
  const model = decision.model === null ? 'the session’s own model' : decision.model;
  out.push(
    `${p.heading('cr')} → ${p.tier(decision.tier)}  ${p.dim(`${model} · rule ${decision.rule} · confidence ${decision.confidence.toFixed(2)}`)}`,
  );
  if (decision.task) out.push(`${label('task')}${shorten(decision.task, width - 12)}`);
  // Reasons can quote the task (a learned example, a custom rule's match): shown, not sent to the terminal.
  const reasons = decisionReasons(decision);
  out.push(`${label('why')}${visible(reasons[0] ?? '')}`);
  for (const reason of reasons.slice(1)) out.push(`${label('')}${visible(reason)}`);
  const c = decision.classification;
  if (c && c.evidence.length > 0) {
    // One line per tier that the evidence pulls toward: the winner first, then the runner-up.
    const tiers = [c.tier, c.runnerUp.tier, ...(['opus', 'sonnet', 'haiku'] as const)].filter(
      (t, i, all) => all.indexOf(t) === i,
    );
    let first = true;
    for (const tier of tiers) {
      const items = c.evidence.filter((e) => e.tier === tier).slice(0, 4);
      if (items.length === 0) continue;
      const text = items
        .map(
          (e) =>
            `${e.weight >= 0 ? '+' : '−'}${Math.abs(e.weight).toFixed(2)} ${evidenceLabel({ feature: e.feature, match: e.match === undefined ? undefined : shorten(e.match, 40) })}`,
        )
        .join('  ');
      out.push(`${label(first ? 'evidence' : '')}${p.tier(tier, tier.padEnd(7))}${text}`);
      first = false;
    }
    const scores = (['opus', 'sonnet', 'haiku'] as const)
      .map((t) => `${p.tier(t)} ${c.scores[t].toFixed(2)}`)
      .join('  ');
    out.push(`${label('scores')}${scores}${scoresNote(decision)}`);
  }
  const learned = decision.signals.learned;
  if (learned?.changed) {
    out.push(
      `${label('learned')}${p.tier(learned.tier)} from your past choices${c ? ` (on its own cr picks ${c.tier})` : ''}:`,
    );
    for (const e of learned.examples)
      out.push(`${label('')}${p.tier(e.tier, e.tier.padEnd(6))} "${shorten(e.task, width - 20)}"`);
  }
  for (const [i, line] of whatWouldChange(decision).entries()) out.push(`${label(i === 0 ? 'to change' : '')}${line}`);
  const rules = decision.trace.map(
    (t) =>
      `${t.fired ? p.good('✓') : p.dim('·')} ${ruleName(t)}${t.fired ? '' : p.dim(`: ${visible(traceNote(t, decision))}`)}`,
  );
  out.push(`${label('rules')}${rules.join('  ')}`);
  // The task alone is in the long-context rule's note; piped input and @files get their own line.
  const parts = decision.signals.contextParts ?? [];
  if (decision.signals.contextTokens !== undefined && parts.some((part) => part.source !== 'task')) {
    const detail = parts.map((part) => `${part.source} ${formatInt(part.tokens)}`).join(', ');
    out.push(
      `${label('context')}~${formatInt(decision.signals.contextTokens)} tokens (${detail}); long above ${formatInt(decision.signals.contextThreshold)}`,
    );
  }
  if (decision.profile) {
    const url = provider?.env.ANTHROPIC_BASE_URL;
    const key = provider && Object.entries(provider.env).find(([, v]) => v.startsWith('$'));
    const unset = provider?.unset?.length ? p.dim(` (without ${provider.unset.join(' or ')})`) : '';
    out.push(
      `${label('profile')}${decision.profile}${url ? ` → ${url}` : ''}${key ? p.dim(` (key from ${key[1].slice(1)} as ${key[0]})`) : unset}`,
    );
  }
  for (const line of sessionSettingLines(decision)) out.push(`${label(line.label)}${visible(line.text)}`);
  if (decision.blocked) out.push(`${label('blocked')}${p.bad(blockedText(decision) ?? '')}`);
  for (const warning of decisionWarnings(decision)) out.push(`${label('warning')}${p.warn(visible(warning))}`);
  const again = retry && retryWords(retry, decision);
  if (again) out.push(`${label('retry')}${again}`);
  if (command) out.push(`${label('command')}${p.accent(formatCommand(command))}`);
  return `${out.join('\n')}\n`;
}

/** A rule as the rules line names it: a custom rule by its id. */
function ruleName(t: RuleTrace): string {
  return t.rule === 'custom' ? t.id : t.rule;
}

/** A ceiling for --json as the text names it: where it comes from, and the budget's figures. */
function ceilingJson(ceiling: TierLimit | TierCap, decision: Decision): Record<string, unknown> {
  const budget = decision.signals.budget;
  return {
    by: ceiling.by,
    ...('from' in ceiling ? { from: ceiling.from } : {}),
    to: ceiling.to,
    ...('rule' in ceiling ? { rule: ceiling.rule } : {}),
    source: ceilingSource(ceiling),
    ...(ceiling.by === 'budget' && budget ? { figures: budgetFigures(budget) } : {}),
  };
}

/** The complete decision for --json: everything the text shows and more. */
export function decisionJson(
  decision: Decision,
  command: ClaudeCommand | undefined,
  provider?: ProviderView,
  retry?: RetryView,
): Record<string, unknown> {
  const { signals } = decision;
  const again = retry && retryWords(retry, decision);
  return {
    task: decision.task,
    tier: decision.tier,
    model: decision.model,
    rule: decision.rule,
    kind: decision.kind,
    reasons: decisionReasons(decision),
    confidence: Number(decision.confidence.toFixed(4)),
    suggested: decision.suggested,
    profile: decision.profile,
    ...(provider ? { provider } : {}),
    family: decision.classification?.family,
    scores: decision.classification?.scores,
    confidenceScale: decision.classification?.confidenceScale,
    roleSentence: decision.classification?.roleSentence,
    runnerUp: decision.classification?.runnerUp,
    // The tier the task's shape alone leaned to, when the words overruled it or Sonnet was kept.
    shapeOverruled: decision.classification?.shapeOverruled,
    defaultedFrom: decision.classification?.defaultedFrom,
    evidence: decision.classification?.evidence,
    signals: {
      ...signals,
      scheduleWindow: signals.scheduleWindow && describeWindow(signals.scheduleWindow),
      learned: signals.learned && { ...signals.learned, reason: learnedSummary(signals.learned) },
    },
    trace: decision.trace.map((t) => ({
      ...t,
      rule: ruleName(t),
      ...(t.rule === 'custom' ? { custom: true, id: undefined } : {}),
      note: traceNote(t, decision),
    })),
    blocked: blockedText(decision),
    ask: askText(decision),
    warnings: decisionWarnings(decision),
    ...(decision.caps ? { caps: decision.caps.map((cap) => ceilingJson(cap, decision)) } : {}),
    ...(decision.limits ? { limits: decision.limits.map((limit) => ceilingJson(limit, decision)) } : {}),
    ...(retry && again
      ? {
          retry: {
            max: retry.retries,
            ...(retry.tier ? { tier: retry.tier } : {}),
            ...(retry.heldBy ? { heldBy: heldByWords(retry.heldBy, decision) } : {}),
            ...(retry.fallback ? { fallbackProfile: retry.fallback } : {}),
            note: again,
          },
        }
      : {}),
    ...(decision.effort ? { effort: decision.effort } : {}),
    ...(decision.subagents ? { subagents: decision.subagents } : {}),
    command,
  };
}
