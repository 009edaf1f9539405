#!/usr/bin/env node
// Entry point of the `onet-match` command; the CLI is compiled to dist/node by `npm run build:node`.
import { main } from '../dist/node/tools/cli.js';

process.exitCode = await main(process.argv.slice(2));
