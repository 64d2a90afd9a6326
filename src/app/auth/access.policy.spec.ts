import { atLeast, requirementOf } from './access.policy';

describe('access policy', () => {
  it.each([
    ['GET', '/api/v1/intents', 'viewer'],
    ['GET', '/api/v1/intents/events', 'viewer'],
    ['GET', '/metrics', 'viewer'],
    ['POST', '/api/v1/intents', 'engineer'],
    ['PUT', '/api/v1/intents/x', 'engineer'],
    ['DELETE', '/api/v1/slices/x', 'engineer'],
    ['POST', '/api/v1/twin/what-if', 'engineer'],
    ['POST', '/api/v1/some-new-endpoint', 'engineer'],
    ['POST', '/api/v1/intents/x/retry', 'operator'],
    ['POST', '/api/v1/incidents/42/approve', 'operator'],
    ['POST', '/api/v1/incidents/42/reject', 'operator'],
    ['POST', '/api/v1/incidents/42/approve/extra', 'engineer'],
    ['GET', '/api/v1/audit', 'admin'],
    ['GET', '/api/v1/auth/tokens', 'admin'],
    ['POST', '/api/v1/auth/tokens', 'admin'],
    ['PUT', '/api/v1/settings', 'admin'],
    ['GET', '/api/v1/health', 'public'],
    ['GET', '/api/v1/ready', 'public'],
    ['POST', '/api/v1/health', 'engineer'],
    ['GET', '/api/docs/openapi.json', 'public'],
    ['GET', '/', 'public'],
    ['GET', '/js/main.js', 'public'],
    ['GET', '/api/v1/auditor', 'viewer'],
  ])('%s %s needs %s', (method, path, need) => {
    expect(requirementOf(method, path)).toBe(need);
  });

  it.each([
    ['GET', '/API/v1/audit', 'admin'],
    ['GET', '/api/V1/Audit/', 'admin'],
    ['GET', '//api//v1//audit', 'admin'],
    ['GET', '/api/v1/%61udit', 'admin'],
    ['GET', '/api/v1/intents/../audit', 'admin'],
    ['GET', '/x/../api/v1/auth/tokens', 'admin'],
    ['GET', '/METRICS', 'viewer'],
    ['POST', '/Api/v1/intents', 'engineer'],
    ['POST', '/api/v1/INCIDENTS/7/Approve', 'operator'],
    ['GET', '/api/v1/%ZZ', 'viewer'],
  ])('%s %s (another spelling) still needs %s', (method, path, need) => {
    expect(requirementOf(method, path)).toBe(need);
  });

  it('orders the roles', () => {
    expect(atLeast('admin', 'viewer')).toBe(true);
    expect(atLeast('operator', 'engineer')).toBe(false);
    expect(atLeast('engineer', 'engineer')).toBe(true);
  });
});
