/**
 * Ends the run with "N passed, N failed" so that an empty or broken run is visible to CI.
 * Printed at process exit, after Jest's own summary, so that it is the last line.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.once('exit', () => process.stderr.write(`${line}\n`));
  }
}
module.exports = SummaryReporter;
