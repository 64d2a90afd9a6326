import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults, then environment, then CLI options', () => {
    const c = loadConfig({ AUTONET_PORT: '9000', AUTONET_DATA_DIR: '/tmp/x' }, { port: '9100' }, '/root');
    expect(c).toMatchObject({ port: 9100, dataDir: '/tmp/x', host: '127.0.0.1', network: 'sim' });
    expect(c.topology).toBe('/root/topology/abilene.json');
    expect(c.bodyLimitBytes).toBe(1048576);
  });

  it('lists every bad variable at once, named as the user wrote it', () => {
    try {
      loadConfig({ AUTONET_PORT: 'eighty', AUTONET_NETWORK: 'carrier-pigeon' }, { host: '' }, '/root');
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
        '--host',
        'AUTONET_NETWORK',
        'AUTONET_PORT',
      ]);
    }
  });

  it('needs a gNMI address for a gNMI network, and takes one', () => {
    expect(() => loadConfig({ AUTONET_NETWORK: 'gnmi' }, {}, '/root')).toThrow(
      /AUTONET_GNMI: required with network gnmi/,
    );
    const v3 = {
      AUTONET_SNMP_USER: 'nms',
      AUTONET_SNMP_AUTH_KEY: 'auth-key-1',
      AUTONET_SNMP_PRIV_KEY: 'priv-key-1',
    };
    const c = loadConfig(
      { AUTONET_NETWORK: 'gnmi', ...v3 },
      { gnmi: '127.0.0.1:57400', legacy: 'a,b' },
      '/root',
    );
    expect(c).toMatchObject({ network: 'gnmi', gnmi: '127.0.0.1:57400', legacy: 'a,b', snmpUser: 'nms' });
  });

  it('makes SNMPv3 authPriv the default for legacy NEs of a real network (v2c only by explicit opt-in)', () => {
    const gnmi = { gnmi: '127.0.0.1:57400', legacy: 'a,b' };
    expect(() => loadConfig({ AUTONET_NETWORK: 'gnmi' }, gnmi, '/root')).toThrow(/SNMPv3 authPriv/);
    expect(() =>
      loadConfig(
        { AUTONET_NETWORK: 'gnmi', AUTONET_SNMP_USER: 'nms', AUTONET_SNMP_AUTH_KEY: 'k' },
        gnmi,
        '/root',
      ),
    ).toThrow(/AUTONET_SNMP_AUTH_KEY/);
    expect(
      loadConfig({ AUTONET_NETWORK: 'gnmi', AUTONET_SNMP_COMMUNITY: 'old' }, gnmi, '/root').snmpCommunity,
    ).toBe('old');
  });

  it('never sends a gNMI password in clear, and never opens the API without auth off loopback', () => {
    const base = { AUTONET_NETWORK: 'gnmi', AUTONET_GNMI: '10.0.0.1:57400' };
    expect(() =>
      loadConfig(
        { ...base, AUTONET_GNMI_USERNAME: 'u', AUTONET_GNMI_PASSWORD: 'p', AUTONET_GNMI_INSECURE: 'true' },
        {},
        '/root',
      ),
    ).toThrow(/never sent without TLS/);
    expect(() => loadConfig({ AUTONET_AUTH: 'none', AUTONET_HOST: '0.0.0.0' }, {}, '/root')).toThrow(
      /loopback/,
    );
    expect(() => loadConfig({ AUTONET_TLS_CERT: '/x.pem' }, {}, '/root')).toThrow(/--tls-key/);
  });

  it('gives yanglint a start-up limit of its own, longer than the per-request one, both settable', () => {
    expect(loadConfig({}, {}, '/root')).toMatchObject({ yangTimeoutMs: 10_000, yangStartTimeoutMs: 60_000 });
    const c = loadConfig(
      { AUTONET_YANG_START_TIMEOUT_MS: '120000', AUTONET_YANG_TIMEOUT_MS: '5000' },
      { yangTimeoutMs: '20000' },
      '/root',
    );
    expect(c).toMatchObject({ yangTimeoutMs: 20_000, yangStartTimeoutMs: 120_000 });
    expect(() => loadConfig({}, { yangStartTimeoutMs: 'soon' }, '/root')).toThrow(/--yang-start-timeout-ms/);
  });
});
