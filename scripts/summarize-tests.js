// Adds up jest JSON reports (one per jest project and suite, each with its wall time) into the one closing
// line CI reads: "Tests: N passed, N failed".
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
	// Wall time: from jest's start to the last test file's end (the files of one report run in parallel).
	const ends = report.testResults.map((result) => result.endTime || 0);
	const wall = ends.length ? ` in ${((Math.max(...ends) - report.startTime) / 1000).toFixed(1)}s` : '';
	console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numRuntimeErrorTestSuites || 0} suites did not run${wall}`);
}
const leakReport = process.env.LEAK_SCAN_REPORT;
if (leakReport && fs.existsSync(leakReport)) {
	const files = fs.readFileSync(leakReport, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
	const sum = (key) => files.reduce((total, file) => total + file[key], 0);
	const hitFiles = files.filter((file) => file.hits > 0).map((file) => file.file);
	console.log(
		`Leak scan: ${sum('records')} records (${(sum('bytes') / 1e6).toFixed(1)} MB) of ${files.length} test files scanned for the test secrets and ${sum('signatures')} request signatures: ${sum('hits')} hits${hitFiles.length ? ` (${hitFiles.join(', ')})` : ''}`,
	);
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
