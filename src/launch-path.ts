/**
 * The modules every `cr "task"` and `cr --explain` loads, gathered in one place.
 *
 * Why: esbuild puts modules into chunks by which entry points reach them. The lazily loaded
 * modules (subcommands, execa, zod, prompts…) each reach a different part of the launch path, so
 * the launch path would be cut into a dozen small chunks, and each file Node loads costs about a
 * millisecond at start-up. Every lazily loaded module of ours imports this file, so all of them
 * reach all of the launch path, and esbuild keeps it in one chunk.
 */
import './cli-core.js';
