import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { SqliteTokenStore } from '../../adapters/store';
import { AuthService } from '../../app/auth';
import type { TokenInfo } from '../../app/auth';
import { call } from './intent.command';

const DEFAULT_SERVER = 'http://127.0.0.1:8080';

interface Target {
  server?: string;
  dataDir?: string;
}

/** The tokens of a controller: over its API (caller's token in AUTONET_TOKEN), or offline on its data dir. */
interface TokenAdmin {
  create(name: string, role: string): Promise<TokenInfo & { token: string }>;
  revoke(name: string): Promise<void>;
  list(): Promise<TokenInfo[]>;
  close(): void;
}

function remote(server: string): TokenAdmin {
  return {
    create: async (name, role) =>
      (await call(server, 'POST', '/api/v1/auth/tokens', { name, role })) as TokenInfo & { token: string },
    revoke: async (name) => {
      await call(server, 'DELETE', `/api/v1/auth/tokens/${encodeURIComponent(name)}`);
    },
    list: async () => ((await call(server, 'GET', '/api/v1/auth/tokens')) as { tokens: TokenInfo[] }).tokens,
    close: () => undefined,
  };
}

function offline(dataDir: string): TokenAdmin {
  const store = SqliteTokenStore.open({ dataDir });
  const auth = new AuthService(store, { mode: 'token' });
  return {
    create: (name, role) => {
      const { token, info } = auth.create(name, role, `cli@${userInfo().username}`);
      return Promise.resolve({ ...info, token });
    },
    revoke: (name) => Promise.resolve(auth.revoke(name)),
    list: () => Promise.resolve(auth.list()),
    close: () => store.close(),
  };
}

async function withAdmin<T>(cmd: Command, fn: (admin: TokenAdmin) => Promise<T>): Promise<T> {
  const t = cmd.optsWithGlobals<Target>();
  const admin = t.dataDir !== undefined ? offline(t.dataDir) : remote(t.server ?? DEFAULT_SERVER);
  try {
    return await fn(admin);
  } finally {
    admin.close();
  }
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * `autonet auth token create|revoke|list`: against a running controller (`--server`, the caller's admin token
 * in AUTONET_TOKEN), or, when none runs, directly on its `--data-dir`. `create` prints the new token as the
 * last line of its output, so scripts can take it with `tail -n1`.
 */
export function registerAuthCommand(program: Command): void {
  const token = program
    .command('auth')
    .description('API tokens and roles (viewer < operator < engineer < admin)')
    .command('token')
    .description('create, revoke and list API tokens')
    .option('--server <url>', 'controller URL (caller token in AUTONET_TOKEN)', undefined)
    .option('--data-dir <dir>', 'work on this data directory instead (no controller running)');

  token
    .command('create')
    .description('create a token; the token is the last line of the output (shown once)')
    .requiredOption('--name <name>', 'token name (the actor in the audit trail)')
    .requiredOption('--role <role>', 'viewer, operator, engineer or admin')
    .action(async (opts: { name: string; role: string }, cmd: Command) => {
      const created = await withAdmin(cmd, (a) => a.create(opts.name, opts.role));
      print(
        `created token '${created.name}' with role ${created.role} (store it now: it is not shown again)`,
      );
      print(created.token);
    });

  token
    .command('revoke')
    .description('revoke a token by name')
    .argument('<name>')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      await withAdmin(cmd, (a) => a.revoke(name));
      print(`revoked token '${name}'`);
    });

  token
    .command('list')
    .description('token names, roles and creators (never the tokens)')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const tokens = await withAdmin(cmd, (a) => a.list());
      if (opts.json) return print(JSON.stringify(tokens, null, 2));
      print(['NAME', 'ROLE', 'CREATED', 'BY'].join('\t'));
      for (const t of tokens) print([t.name, t.role, t.createdAt, t.createdBy].join('\t'));
    });
}
