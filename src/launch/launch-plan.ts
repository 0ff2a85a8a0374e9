// The plan of one launch once it has decided, and the claude command and session id an attempt
// runs with.
import type { LoadedConfig } from '../config/load-config.js';
import { buildClaudeArgv, needsNewSessionId, type ClaudeCommand } from '../decide/build-argv.js';
import type { Decision } from '../decide/decide.js';
import type { RetryPlan } from '../decide/retry-policy.js';
import type { SessionFacts } from '../decide/session-settings.js';
import type { DecisionRecord } from '../history/records.js';
import type { LaunchRequest } from '../parse-args.js';
import { randomUUID } from '../random-uuid.js';
import type { ProviderView } from '../report/explain.js';
import type { ClaudeLookup } from './find-claude.js';

/** What the launch works with once it has decided: plain values that every later step reads. */
export interface LaunchPlan {
  request: LaunchRequest;
  loaded: LoadedConfig;
  decision: Decision;
  /** Piped input in print mode: read once, then fed to every attempt byte for byte. */
  stdin?: Buffer;
  /** The latest decision of the session being resumed (see findResumedDecision), when history knows it. */
  resumed?: DecisionRecord;
  /** The session id the first attempt starts (or resumes) with. */
  sessionId?: string;
  claude: ClaudeLookup;
  /** The profile claude starts with, as --explain and --dry-run show it. */
  provider?: ProviderView;
  /** Key values from the environment: never shown. */
  secrets: string[];
  retry: RetryPlan;
  /** What the effort and the subagents' model of an attempt depend on (session-settings.ts). */
  sessionFacts: SessionFacts;
}

/** The session id an attempt names: a new one, unless claude is told which (--resume, --session-id). */
export function sessionIdFor(request: LaunchRequest, resumed: DecisionRecord | undefined): string | undefined {
  const flags = request.flags;
  return needsNewSessionId(flags) ? randomUUID() : (flags.sessionId ?? flags.resumeId ?? resumed?.sessionId);
}

/** The claude command for one attempt: its decision's model and session. */
export function commandFor(plan: LaunchPlan, decision: Decision, sessionId: string | undefined): ClaudeCommand {
  const { request } = plan;
  return buildClaudeArgv({
    claudePath: plan.claude.found?.path ?? 'claude',
    model: decision.model,
    sessionId: needsNewSessionId(request.flags) ? sessionId : undefined,
    fallbackModel: plan.loaded.config.fallbackModel,
    effort: decision.effort?.passed ? decision.effort.level : undefined,
    claudeArgs: request.claudeArgs,
    flags: request.flags,
    // A task read from stdin reaches claude on stdin, as it came: only task words go in argv.
    task: request.task ? decision.task : '',
  });
}
