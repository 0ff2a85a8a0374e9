// `--ask` and config `ask`: the recommended tier preselected with its reason; the pick is recorded.
import type { ResolvedConfig } from '../config/defaults.js';
import type { AppContext } from '../context.js';
import type { Decision } from '../decide/decide.js';
import { CrError, EXIT } from '../errors.js';
import { askText, decisionReasons } from '../report/decision-words.js';
import { TIERS, type Tier } from '../types.js';
import { cutWithEllipsis } from '../ui/format.js';
import { canPrompt, select, type Choice } from '../ui/prompt.js';

/** The budget, not a preference, asks: without a prompt cr must not pick for the user. */
export function budgetAsks(decision: Decision): boolean {
  return decision.ask === 'budget';
}

/** What the select prompt shows after the question until it is answered (ui/prompt.ts). */
const PROMPT_HINT = '↑/↓ then Enter';

/** Cut to `width` with "…", keeping at least one character before it. */
function shorten(text: string, width: number): string {
  return cutWithEllipsis(text, Math.max(2, width));
}

/** The decision once the user picked `tier` at the prompt: kind "ask", with what cr recommended. Pure. */
export function applyPick(decision: Decision, tier: Tier, config: ResolvedConfig): Decision {
  const same = tier === decision.tier;
  // The recommended tier keeps its own model (a rule's model, planModel); another tier maps through config.
  const model = same && decision.model !== null ? decision.model : config.tiers[tier].model;
  const profileFollowsTier = decision.profile === undefined || decision.profile === config.tiers[decision.tier].profile;
  const picked: Decision = {
    ...decision,
    tier,
    model,
    rule: 'ask',
    kind: 'ask',
    confidence: 1,
    suggested: { tier: decision.tier, rule: decision.rule },
  };
  delete picked.ask;
  if (profileFollowsTier) {
    const profile = config.tiers[tier].profile;
    if (profile) picked.profile = profile;
    else delete picked.profile;
  }
  return picked;
}

/**
 * Asks for the tier when the decision says to (config `ask`, `--ask`, a budget set to "ask").
 * Where cr may not prompt it goes on with the recommendation — except when the budget asks:
 * then it refuses and says how to choose. A choice already made with --opus/--model is kept.
 */
export async function askForTier(ctx: AppContext, decision: Decision, config: ResolvedConfig): Promise<Decision> {
  if (!decision.ask || decision.kind === 'override') return decision;
  if (!canPrompt(ctx)) {
    if (budgetAsks(decision)) {
      throw new CrError(
        `not starting claude: ${askText(decision)}; choose the tier yourself with --opus, --sonnet or --haiku`,
        EXIT.failure,
      );
    }
    return decision;
  }
  const rows = [...TIERS].reverse().map((tier) => {
    const model = tier === decision.tier && decision.model ? decision.model : config.tiers[tier].model;
    return { tier, label: tier === decision.tier ? `${tier} (recommended)` : tier, model };
  });
  // The model only where it says more than the tier's name (an id, opusplan, a profile's model).
  const width = Math.max(...rows.map((r) => r.label.length));
  const choices: Choice<Tier>[] = rows.map((r) => ({
    title: r.model === r.tier ? r.label : `${r.label.padEnd(width)}  ${r.model}`,
    value: r.tier,
  }));
  // One line: the budget's reason first when it is the budget that asks, then the pick and why.
  const why = `cr recommends ${decision.tier} — ${decisionReasons(decision)[0] ?? decision.rule}`;
  // The question line is "? MESSAGE › HINT" while asking and "✔ MESSAGE › CHOICE" once answered:
  // both stay within the terminal (one column spare, so that nothing wraps at the edge).
  const tail = Math.max(PROMPT_HINT.length, ...choices.map((c) => c.title.length));
  const message = shorten(
    budgetAsks(decision) ? `${askText(decision)}; ${why}` : why,
    Math.max(20, ctx.columns - tail - 6),
  );
  const tier = await select(ctx, message, choices, decision.tier);
  return applyPick(decision, tier, config);
}
