#!/usr/bin/env node
import { runCli } from '@claimtrail/composition';

process.exitCode = await runCli(process.env);
