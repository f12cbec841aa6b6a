/**
 * Loaded with `--require` (through NODE_OPTIONS, so that every Node process of a tree gets
 * it): on exit, appends "<pid> <maxRSS in KiB> <CPU µs> <script>" to $BENCH_RSS_FILE.
 * process.resourceUsage().maxRSS is the peak resident set size of this process; CPU is
 * user + system time, which other load on the machine inflates far less than wall time.
 */
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      appendFileSync(file, `${process.pid} ${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime} ${process.argv.slice(1, 2).join(' ')}\n`);
    } catch {
      // never change the exit of the measured process
    }
  });
}
