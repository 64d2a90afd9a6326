import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { gnmiSecurity } from './serve.command';

describe('serve: transport security towards a real network', () => {
  const dir = mkdtempSync(join(tmpdir(), 'autonet-serve-sec-'));
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = {
    AUTONET_NETWORK: 'gnmi',
    AUTONET_GNMI: '10.0.0.1:57400',
    AUTONET_LEGACY: 'old1',
    AUTONET_SNMP_USER: 'nms',
    AUTONET_SNMP_AUTH_KEY: 'auth-key-1',
    AUTONET_SNMP_PRIV_KEY: 'priv-key-1',
  };

  it('uses TLS by default, the given CA and user, and SNMPv3 authPriv SHA/AES', () => {
    const spec = gnmiSecurity(
      loadConfig(
        { ...env, AUTONET_GNMI_CA: ca, AUTONET_GNMI_USERNAME: 'u', AUTONET_GNMI_PASSWORD: 'p' },
        {},
        '/r',
      ),
    );
    expect(spec.gnmiTls?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(spec.gnmiUser).toEqual({ username: 'u', password: 'p' });
    expect(spec.snmpV3).toEqual({
      user: 'nms',
      authKey: 'auth-key-1',
      privKey: 'priv-key-1',
      authProtocol: 'sha',
      privProtocol: 'aes',
    });
    expect(spec.snmpCommunity).toBeUndefined();
    expect(gnmiSecurity(loadConfig(env, {}, '/r')).gnmiTls).toEqual({}); // system roots
  });

  it('goes plaintext only when told, and v2c only when told', () => {
    const spec = gnmiSecurity(
      loadConfig(
        {
          AUTONET_NETWORK: 'gnmi',
          AUTONET_GNMI: 'x:1',
          AUTONET_GNMI_INSECURE: 'true',
          AUTONET_LEGACY: 'o',
          AUTONET_SNMP_COMMUNITY: 'c',
        },
        {},
        '/r',
      ),
    );
    expect(spec.gnmiTls).toBeUndefined();
    expect(spec.snmpV3).toBeUndefined();
    expect(spec.snmpCommunity).toBe('c');
  });
});
