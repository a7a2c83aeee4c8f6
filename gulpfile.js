// Copies what tsc does not: icons and codex files, next to the compiled code n8n loads.
const { src, dest, parallel } = require('gulp');

function icons() {
	return src(['icons/**/*.svg', 'icons/**/*.png'], { encoding: false }).pipe(dest('dist/icons'));
}

function nodeAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { encoding: false, base: '.' }).pipe(dest('dist'));
}

function credentialAssets() {
	return src(['credentials/**/*.svg', 'credentials/**/*.png'], { encoding: false, base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = parallel(icons, nodeAssets, credentialAssets);
exports.default = exports['build:icons'];
