/** Runs Debian's net-snmp command-line tools (package `snmp`) with numeric OIDs and no MIB files loaded. */
import { execFile } from 'node:child_process';

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runTool(tool: string, args: readonly string[], timeoutMs = 15_000): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(
      tool,
      ['-On', '-Le', ...args],
      { env: { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `.1.3.6.1.2.1.31.1.1.1.6.1 = Counter64: 123` → Map(oid without leading dot → { type, value }). */
export function parseWalk(stdout: string): Map<string, { type: string; value: string }> {
  const out = new Map<string, { type: string; value: string }>();
  for (const line of stdout.split('\n')) {
    const m = /^\.?([\d.]+) = (?:([\w-]+): )?(.*)$/.exec(line.trim());
    if (m?.[1]) out.set(m[1], { type: m[2] ?? '', value: (m[3] ?? '').replace(/^"|"$/g, '') });
  }
  return out;
}

export const V3_ARGS = (user: string, auth: string, priv: string, context: string): string[] => [
  '-v3',
  '-l',
  'authPriv',
  '-u',
  user,
  '-a',
  'SHA',
  '-A',
  auth,
  '-x',
  'AES',
  '-X',
  priv,
  '-n',
  context,
];
