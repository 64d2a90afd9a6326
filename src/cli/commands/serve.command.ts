import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { createControllerApp } from '../../api';
import { autonomyOf, isLoopbackHost, loadConfig } from '../../config';
import { SidTable } from '../../core/topology';
import { EVENT_BUS } from '../../ports/event-bus.port';
import type { EventBus } from '../../ports/event-bus.port';
import { startNetwork } from '../../adapters/network/network.factory';
import type { NetworkSpec } from '../../adapters/network/network.factory';
import { loadFaultModel } from '../../adapters/models';
import type { AppConfig } from '../../config';
import { loadTopology, TOPOLOGY_FORMATS } from '../load-topology';

interface ServeOptions {
  topology?: string;
  format?: string;
  port?: string;
  host?: string;
  dataDir?: string;
  network?: string;
  networkLatencyMs?: string;
  computeWorkers?: string;
  computeBudgetMs?: string;
  yangTimeoutMs?: string;
  yangStartTimeoutMs?: string;
  gnmi?: string;
  snmp?: string;
  legacy?: string;
  simSeed?: string;
  simSpeed?: string;
  simAdminPort?: string;
  influxUrl?: string;
  influxDb?: string;
  influxUser?: string;
  telemetryIntervalMs?: string;
  auth?: string;
  autonomy?: string;
  tlsCert?: string;
  tlsKey?: string;
  allowedHosts?: string;
  rateLimit?: string;
  oidcIssuer?: string;
  oidcAudience?: string;
  oidcJwks?: string;
  oidcRoleClaim?: string;
  gnmiCa?: string;
  gnmiUsername?: string;
  gnmiInsecure?: boolean;
  snmpUser?: string;
  snmpCommunity?: string;
}

/** `autonet serve`: the controller with its REST API, on the embedded simulated network by default. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the controller (REST API under /api/v1, OpenAPI at /api/docs)')
    .option('--topology <file>', 'topology file (default: topology/abilene.json)')
    .addOption(
      new Option('--format <format>', 'topology format (default: from the file)').choices(TOPOLOGY_FORMATS),
    )
    .option('--port <port>', 'TCP port (default 8080)')
    .option('--host <host>', 'loopback address to listen on (default 127.0.0.1)')
    .option('--data-dir <dir>', 'where the intent database lives (default ./data)')
    .addOption(
      new Option(
        '--network <kind>',
        'network to drive: the embedded simulator, a gNMI network, or memory only',
      ).choices(['sim', 'gnmi', 'memory']),
    )
    .option('--gnmi <host:port>', 'gNMI server of the network (with --network gnmi)')
    .option('--snmp <host:port>', 'SNMP agent of the legacy NEs (with --network gnmi)')
    .option('--legacy <ids>', 'comma-separated NEs reachable only by SNMP (with --network gnmi)')
    .option('--sim-seed <n>', 'seed of the embedded simulator (default 1)')
    .option('--sim-speed <x>', 'simulated time per real time of the embedded simulator (default 1)')
    .option(
      '--sim-admin-port <port>',
      "fixed port of the embedded simulator's admin API (default: any free one)",
    )
    .option('--influx-url <url>', 'also write telemetry to this InfluxDB 1.x (e.g. http://127.0.0.1:8086)')
    .option('--influx-db <name>', 'InfluxDB database (default autonet)')
    .option(
      '--influx-user <name>',
      'InfluxDB user (password in AUTONET_INFLUX_PASSWORD; or a token in AUTONET_INFLUX_TOKEN)',
    )
    .option('--telemetry-interval-ms <ms>', 'telemetry sample interval asked of the NEs (default 1000)')
    .option('--network-latency-ms <ms>', 'simulated latency of each network call (memory network)')
    .option(
      '--compute-workers <n>',
      'worker threads for path computation and what-ifs (default min(2, cores - 1); 0: on the event loop)',
    )
    .option(
      '--compute-budget-ms <ms>',
      'time budget of one path or what-if request (default 5000; over it: 422)',
    )
    .option(
      '--yang-timeout-ms <ms>',
      'longest wait for yanglint to validate one document before it is restarted (default 10000)',
    )
    .option(
      '--yang-start-timeout-ms <ms>',
      'longest wait for yanglint to start and load the YANG modules (default 60000; raise it on a loaded machine)',
    )
    .addOption(
      new Option('--auth <mode>', 'token: bearer tokens (default); none: open, loopback only').choices([
        'token',
        'none',
      ]),
    )
    .addOption(
      new Option(
        '--autonomy <level>',
        'closed loop: off (record), L3 (propose, wait for approval), L4 (act, verify, roll back); default L4 on the embedded simulator, L3 on a real network',
      ).choices(['off', 'L3', 'L4']),
    )
    .option('--tls-cert <file>', 'PEM certificate (chain): serve HTTPS')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--allowed-hosts <names>', 'host names the API answers to besides loopback and IP addresses')
    .option('--rate-limit <n>', 'API requests per minute per client (default 3000, 0: no limit)')
    .option('--oidc-issuer <url>', 'also accept OIDC JWTs from this issuer')
    .option('--oidc-audience <aud>', 'audience the JWTs must carry')
    .option('--oidc-jwks <url|file>', "the issuer's JWKS (URL or JSON file)")
    .option('--oidc-role-claim <claim>', 'JWT claim holding the Autonet role (default role)')
    .option('--gnmi-ca <file>', 'CA of the gNMI targets (with --network gnmi; TLS is the default)')
    .option('--gnmi-username <name>', 'gNMI user (password in AUTONET_GNMI_PASSWORD; sent only over TLS)')
    .option('--gnmi-insecure', 'plaintext gNMI (a lab proxy); never with a password')
    .option(
      '--snmp-user <name>',
      'SNMPv3 authPriv user of the legacy NEs (keys in AUTONET_SNMP_AUTH_KEY/PRIV_KEY)',
    )
    .option('--snmp-community <c>', 'SNMPv2c instead of v3 (insecure opt-in for old agents)')
    .action(async (opts: ServeOptions) => {
      await serve(opts);
    });
}

async function serve(opts: ServeOptions): Promise<void> {
  const config = loadConfig(undefined, {
    topology: opts.topology,
    topologyFormat: opts.format,
    port: opts.port,
    host: opts.host,
    dataDir: opts.dataDir,
    network: opts.network,
    networkLatencyMs: opts.networkLatencyMs,
    computeWorkers: opts.computeWorkers,
    computeBudgetMs: opts.computeBudgetMs,
    yangTimeoutMs: opts.yangTimeoutMs,
    yangStartTimeoutMs: opts.yangStartTimeoutMs,
    gnmi: opts.gnmi,
    snmp: opts.snmp,
    legacy: opts.legacy,
    simSeed: opts.simSeed,
    simSpeed: opts.simSpeed,
    simAdminPort: opts.simAdminPort,
    influxUrl: opts.influxUrl,
    influxDb: opts.influxDb,
    influxUsername: opts.influxUser,
    telemetryIntervalMs: opts.telemetryIntervalMs,
    auth: opts.auth,
    autonomy: opts.autonomy,
    tlsCert: opts.tlsCert,
    tlsKey: opts.tlsKey,
    allowedHosts: opts.allowedHosts,
    rateLimitPerMinute: opts.rateLimit,
    oidcIssuer: opts.oidcIssuer,
    oidcAudience: opts.oidcAudience,
    oidcJwks: opts.oidcJwks,
    oidcRoleClaim: opts.oidcRoleClaim,
    gnmiCa: opts.gnmiCa,
    gnmiUsername: opts.gnmiUsername,
    gnmiInsecure: opts.gnmiInsecure === true ? 'true' : undefined,
    snmpUser: opts.snmpUser,
    snmpCommunity: opts.snmpCommunity,
  });
  if (config.auth === 'none') {
    process.stderr.write(
      `autonet: warning: --auth none: anyone who can reach ${config.host} may change the network\n`,
    );
  } else if (!isLoopbackHost(config.host) && config.tlsCert === undefined) {
    process.stderr.write(
      `autonet: warning: listening on ${config.host} without TLS: tokens cross the network in clear; use --tls-cert/--tls-key\n`,
    );
  }
  const topology = loadTopology(config.topology, config.topologyFormat);
  const network = { topology, sids: SidTable.allocate(topology) };
  const log = pino({ level: config.logLevel, base: undefined }, pino.destination(2));
  const classifier = loadFaultModel();
  if (classifier.model) log.info({ model: classifier.path }, 'fault classifier: learned model loaded');
  else
    log.warn(
      { model: classifier.path, reason: classifier.reason },
      'fault classifier: no usable model, incidents are classified by rules only',
    );
  const running = await startNetwork(networkSpec(config), network.topology, network.sids);
  let created: Awaited<ReturnType<typeof createControllerApp>>;
  try {
    created = await createControllerApp(
      { config, network, driver: running.driver, faultModel: classifier.model },
      (err) => {
        log.error({ err }, 'unexpected error');
      },
      (fields, message) => log.warn(fields, message),
    );
  } catch (err) {
    await running.stop();
    throw err;
  }
  const { app, reconciled, reconcileMs, adminToken } = created;
  const bus = app.get<EventBus>(EVENT_BUS);
  bus.on('intent.status', (e) =>
    log.info(
      { intentId: e.intent, status: e.status, previous: e.previous, reason: e.reason },
      'intent status',
    ),
  );
  bus.on('intent.removed', (e) => log.info({ intentId: e.intent }, 'intent removed'));
  await app.listen(config.port, config.host);
  const bound = (app.getHttpServer() as import('node:net').Server).address();
  const port = typeof bound === 'object' && bound ? bound.port : config.port;
  const scheme = config.tlsCert !== undefined ? 'https' : 'http';
  const url = `${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const summary = {
    pid: process.pid,
    listening: url,
    api: `${url}/api/v1`,
    docs: `${url}/api/docs`,
    metrics: `${url}/metrics`,
    topology: topology.name,
    nodes: topology.nodeCount,
    links: topology.linkCount,
    dataDir: config.dataDir,
    // as Jupyter does: the first start's admin token in the URL, so the quick start stays two commands
    dashboard: adminToken !== undefined ? `${url}/?token=${adminToken}` : `${url}/`,
    auth: config.auth,
    autonomy: autonomyOf(config),
    ...running.description,
    reconciled,
    reconcileMs,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void app
        .close()
        .then(() => running.stop())
        .then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function networkSpec(config: AppConfig): NetworkSpec {
  switch (config.network) {
    case 'sim':
      return {
        kind: 'sim',
        topologyFile: config.topology,
        seed: config.simSeed,
        speed: config.simSpeed,
        ...(config.simAdminPort !== undefined && { adminPort: config.simAdminPort }),
      };
    case 'gnmi':
      return {
        kind: 'gnmi',
        gnmi: config.gnmi!,
        ...(config.snmp !== undefined && { snmp: config.snmp }),
        legacy: (config.legacy ?? '').split(',').filter((s) => s.length > 0),
        ...gnmiSecurity(config),
      };
    case 'memory':
      return { kind: 'memory', latencyMs: config.networkLatencyMs };
  }
}

/** Transport security towards a real network: gNMI over TLS unless told otherwise, SNMPv3 authPriv. */
export function gnmiSecurity(config: AppConfig): Partial<Extract<NetworkSpec, { kind: 'gnmi' }>> {
  return {
    ...(config.gnmiInsecure !== true && {
      gnmiTls: config.gnmiCa !== undefined ? { ca: readFileSync(config.gnmiCa) } : {},
    }),
    ...(config.gnmiUsername !== undefined &&
      config.gnmiPassword !== undefined && {
        gnmiUser: { username: config.gnmiUsername, password: config.gnmiPassword },
      }),
    ...(config.snmpUser !== undefined &&
      config.snmpAuthKey !== undefined &&
      config.snmpPrivKey !== undefined && {
        snmpV3: {
          user: config.snmpUser,
          authKey: config.snmpAuthKey,
          privKey: config.snmpPrivKey,
          authProtocol: 'sha' as const,
          privProtocol: 'aes' as const,
        },
      }),
    ...(config.snmpCommunity !== undefined && { snmpCommunity: config.snmpCommunity }),
  };
}
