#!/usr/bin/env node
import { runCli } from './main.js';

runCli(process.argv).then((code) => {
  if (code !== 0) process.exitCode = code;
});
