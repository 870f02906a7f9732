#!/usr/bin/env node
// Committed shim: pnpm links bins at install time, before dist/ exists; dist/bin.js is built by `tsc -b`.
import "../dist/bin.js";
