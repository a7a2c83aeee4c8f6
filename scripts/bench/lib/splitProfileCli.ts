/** Splits a saved .cpuprofile as real-n8n-defaults does: node -r ts-node/register/transpile-only scripts/bench/lib/splitProfileCli.ts <file> [items] */
import { readFileSync } from 'node:fs';
import { splitProfile } from './cpuProfile';

const [file, items = '1000'] = process.argv.slice(2);
const split = splitProfile(JSON.parse(readFileSync(file, 'utf8')));
console.log(`busy ${Math.round(split.busyMs)} ms of ${Math.round(split.spanMs)} ms`);
for (const { part, ms } of split.parts) console.log(`${(ms / Number(items)).toFixed(3).padStart(7)} ms per item  ${part}`);
