#!/usr/bin/env node
// Autonet runs real tools: the controller validates against its YANG modules with libyang's yanglint, and the test
// suite also runs Net-SNMP's snmpwalk and snmpd, GLPK's glpsol, Chromium, InfluxDB and docker-compose. Make sure
// the ones named on the command line (all of them when none is named) are here: `npm start` needs yanglint,
// `npm test` all. As root on Debian, missing ones are installed with apt-get; otherwise this says what to install.
import { execFileSync, spawnSync } from 'node:child_process';

export const DEBIAN_PACKAGES = {
  yanglint: 'libyang2-tools',
  snmpwalk: 'snmp',
  snmpd: 'snmpd',
  glpsol: 'glpk-utils',
  chromium: 'chromium',
  influxd: 'influxdb',
  'docker-compose': 'docker-compose',
};

const has = (cmd) =>
  spawnSync('sh', ['-c', `command -v ${cmd} || test -x /usr/sbin/${cmd}`], { stdio: 'ignore' }).status === 0;
const wanted = process.argv.slice(2);
const unknown = wanted.filter((c) => !(c in DEBIAN_PACKAGES));
if (unknown.length > 0) {
  console.error(
    `prereqs: unknown tool(s) ${unknown.join(', ')}; known: ${Object.keys(DEBIAN_PACKAGES).join(', ')}`,
  );
  process.exit(2);
}
const missing = Object.entries(DEBIAN_PACKAGES).filter(
  ([cmd]) => (wanted.length === 0 || wanted.includes(cmd)) && !has(cmd),
);
if (missing.length === 0) process.exit(0);

const pkgs = [...new Set(missing.map(([, p]) => p))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(
    `prereqs: missing ${missing.map(([c]) => c).join(', ')}: install the Debian packages ${pkgs.join(' ')}`,
  );
  process.exit(1);
}
console.error(`prereqs: installing ${pkgs.join(' ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
  stdio: 'inherit',
  env,
});
