#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI directly: tsx compiles it on the fly, so no build step is needed.
require('tsx/cjs');
const cli = require('../cli/program.ts');
cli.exitQuietlyWhenStdoutCloses();
cli.buildProgram().parse();
