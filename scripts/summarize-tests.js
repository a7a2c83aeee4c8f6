// Adds up jest JSON reports (one per jest project and suite, each with its wall time) into the one closing
// line CI reads: "Tests: N passed, N failed". Before it: the secret-leak scan's total and, with
// STAGE_TIMES_FILE set (scripts/stage.sh writes it), every stage's time, nested stages indented, then
// the top-level stages in one line. A report that is named but missing is a suite that did not run.
const fs = require('node:fs');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
	if (!fs.existsSync(file)) {
		failed += 1;
		console.log(`${file}: no report, the suite did not run (see its stage above)`);
		continue;
	}
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

const duration = (seconds) => (seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`);
const stageFile = process.env.STAGE_TIMES_FILE;
if (stageFile && fs.existsSync(stageFile)) {
	const stages = fs
		.readFileSync(stageFile, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [start, depth, name, seconds, status] = line.split('\t');
			return { start: BigInt(start), depth: Number(depth), name, seconds: Number(seconds), ok: status === '0' };
		})
		.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
	const shown = (stage) => `${stage.name} ${duration(stage.seconds)}${stage.ok ? '' : ' FAILED'}`;
	console.log('Stage times:');
	for (const stage of stages) console.log(`  ${'  '.repeat(stage.depth)}${shown(stage)}`);
	const top = stages.filter((stage) => stage.depth === 0);
	const failedStages = top.filter((stage) => !stage.ok).length;
	const total = top.reduce((sum, stage) => sum + stage.seconds, 0);
	console.log(`Stages: ${top.map(shown).join(', ')}; total ${duration(total)}${failedStages ? `; ${failedStages} failed` : ''}`);
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
