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
    const c = loadConfig({ AUTONET_NETWORK: 'gnmi' }, { gnmi: '127.0.0.1:57400', legacy: 'a,b' }, '/root');
    expect(c).toMatchObject({ network: 'gnmi', gnmi: '127.0.0.1:57400', legacy: 'a,b' });
  });
});
