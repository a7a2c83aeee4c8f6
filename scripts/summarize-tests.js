// Adds up jest JSON reports into the one closing line CI reads: "Tests: N passed, N failed".
const fs = require('node:fs');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
	if (!fs.existsSync(file)) continue;
	const report = JSON.parse(fs.readFileSync(file, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests + (report.numRuntimeErrorTestSuites || 0);
	skipped += report.numPendingTests + (report.numTodoTests || 0);
	console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numRuntimeErrorTestSuites || 0} suites did not run`);
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
