#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps the compiled code of cr's modules on disk for the next run (Node 20 has no such cache).
module.enableCompileCache?.();
await import('../dist/cr.js');
