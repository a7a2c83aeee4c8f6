// Runs @n8n/scan-community-package's own analysis (its ESLint config and rules) the way its CLI does after the
// registry steps: on the source (the files its provenance leg lints) and on the unpacked tarball.
// Usage: node scan.mjs <scanner dir> <source dir> <unpacked package dir>; prints JSON.
const [, , scannerDir, sourceDir, packageDir] = process.argv;
const scanner = await import(`${scannerDir}/node_modules/@n8n/scan-community-package/scanner/scanner.mjs`);
const source = await scanner.analyzePackage(sourceDir, scanner.SOURCE_FILE_PATTERNS);
const tarball = await scanner.analyzePackage(packageDir, ['**/*.js', 'package.json']);
const summary = (result) => ({ passed: result.passed, message: result.message ?? null, details: result.details ?? null });
process.stdout.write(JSON.stringify({ source: summary(source), tarball: summary(tarball) }));
