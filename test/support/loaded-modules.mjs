// Preloaded with `node --import`: writes the URL of every module the program loads, one a line, to
// the file named by CR_TEST_LOADED_MODULES (a resolve hook, on Node's hooks thread).
import { register } from 'node:module';

register('./loaded-modules-hooks.mjs', import.meta.url, { data: { file: process.env.CR_TEST_LOADED_MODULES } });
