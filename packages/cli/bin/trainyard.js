#!/usr/bin/env node
// Committed launcher for the built CLI: npm links a package's bins at install time, before the
// build has produced dist/, and skips targets that do not exist yet; this file always exists.
import '../dist/bin.js';
