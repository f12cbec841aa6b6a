/** Prints the suite's wall time, before the summary reporter's closing "N passed, N failed" line. */
class WallTimeReporter {
  onRunComplete(_contexts, results) {
    process.stderr.write(`e2e wall time: ${((Date.now() - results.startTime) / 1000).toFixed(0)} s\n`);
  }
}
module.exports = WallTimeReporter;
