#!/usr/bin/env node
// The package is compiled at install time (npm's `prepare`); this shim runs the compiled CLI.
import '../dist/src/cli/main.js';
