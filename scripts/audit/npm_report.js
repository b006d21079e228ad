// Reads an `npm audit --json` report; prints what is not allowlisted.
// usage: node npm_report.js REPORT LABEL [ALLOWED_ID...]; exit 0 clean, 1 found, 3 unreachable.
'use strict';
const fs = require('node:fs');

const [report, label, ...allowed] = process.argv.slice(2);

function advisoryIds(vulns, name, seen = new Set()) {
  if (seen.has(name) || !vulns[name]) return [];
  seen.add(name);
  return vulns[name].via.flatMap((via) =>
    typeof via === 'string' ? advisoryIds(vulns, via, seen) : [via.url ? via.url.split('/').pop() : String(via.source)],
  );
}

let data = null;
try {
  data = JSON.parse(fs.readFileSync(report, 'utf8'));
} catch {
  data = null;
}
if (!data || data.error || data.message || !data.vulnerabilities) {
  const why = data?.message || data?.error?.summary || 'no report';
  console.log(`${label}: vulnerability database unreachable (${String(why).slice(0, 100)})`);
  process.exit(3);
}
const vulns = data.vulnerabilities;
const open = Object.keys(vulns).filter((name) => {
  const ids = advisoryIds(vulns, name);
  return ids.length === 0 || !ids.every((id) => allowed.includes(id));
});
for (const name of open) {
  const v = vulns[name];
  console.log(`${label}: ${name} ${v.range} (${v.severity}): ${advisoryIds(vulns, name).join(', ')}`);
}
console.log(`${label}: ${Object.keys(vulns).length} vulnerable packages, ${open.length} not allowlisted`);
process.exit(open.length ? 1 : 0);
