import type { Command } from 'commander';
import { call } from './intent.command';

interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail?: unknown;
}

/** `autonet audit [--after N] [--limit N] [--all] [--json]`: the audit trail of a running controller (admin). */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('who changed what: the audit trail of a running controller (admin token in AUTONET_TOKEN)')
    .option('--server <url>', 'controller URL', 'http://127.0.0.1:8080')
    .option('--after <seq>', 'entries after this sequence number', '0')
    .option('--limit <n>', 'entries per page (at most 1000)', '100')
    .option('--target <path>', 'only entries about this target')
    .option('--all', 'follow the pages to the end')
    .option('--json', 'JSON lines output')
    .action(
      async (opts: {
        server: string;
        after: string;
        limit: string;
        target?: string;
        all?: boolean;
        json?: boolean;
      }) => {
        let after = opts.after;
        for (;;) {
          const q = new URLSearchParams({ after, limit: opts.limit });
          if (opts.target !== undefined) q.set('target', opts.target);
          const page = (await call(opts.server, 'GET', `/api/v1/audit?${q.toString()}`)) as {
            entries: AuditEntry[];
            next: number | null;
          };
          for (const e of page.entries) {
            process.stdout.write(
              opts.json
                ? `${JSON.stringify(e)}\n`
                : `${e.seq}\t${e.at}\t${e.actor}\t${e.action}\t${e.target}\n`,
            );
          }
          if (!opts.all || page.next === null) return;
          after = String(page.next);
        }
      },
    );
}
