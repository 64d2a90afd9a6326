#!/usr/bin/env node
// The test suite runs real tools (libyang's yanglint, Net-SNMP's snmpwalk and snmpd, GLPK's glpsol): make sure
// they are here. As root on Debian, missing ones are installed with apt-get; otherwise this says what to install.
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
const missing = Object.entries(DEBIAN_PACKAGES).filter(([cmd]) => !has(cmd));
if (missing.length === 0) process.exit(0);

const pkgs = [...new Set(missing.map(([, p]) => p))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(
    `test-prereqs: missing ${missing.map(([c]) => c).join(', ')}: install the Debian packages ${pkgs.join(' ')}`,
  );
  process.exit(1);
}
console.error(`test-prereqs: installing ${pkgs.join(' ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
  stdio: 'inherit',
  env,
});
