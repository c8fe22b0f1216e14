#!/usr/bin/env node
// The `ebm-lab` command: registers tsx so the TypeScript sources run as they are, then
// hands the arguments to host/cli.ts. See `ebm-lab --help`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../host/cli.ts');
process.exit(await main(process.argv.slice(2)));
