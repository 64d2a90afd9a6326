import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { jsonCall, startServe, stopServe } from '../e2e/serve-process';
import type { ServeProcess } from '../e2e/serve-process';

/**
 * The NOC dashboard against the REAL controller and the embedded simulator (issue 11), as an operator on a
 * night shift uses it: the what-if shows a failure's effect before it happens; a link failure injected in the
 * simulator turns the link down on the map within two sampling intervals; the incident appears and walks
 * through its states; the intent's badge changes and recovers; at autonomy L3 the repair is approved from the
 * page. Screenshots go to test-artifacts/dashboard/.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'dashboard');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const SAMPLE_MS = 1000;

jest.setTimeout(240_000);

interface Started extends ServeProcess {
  listening: string;
  dashboard: string;
  admin: string;
}

async function serve(extra: string[]): Promise<Started> {
  const p = await startServe(['--telemetry-interval-ms', String(SAMPLE_MS), ...extra], {
    prefix: 'autonet-noc-',
  });
  return { ...p, listening: p.line.listening, dashboard: p.line.dashboard, admin: p.line.admin };
}

const stop = (s: Started | undefined): Promise<void> => stopServe(s);
const api = <T>(s: Started, method: string, path: string, body?: unknown): Promise<T> =>
  jsonCall<T>(`${s.listening}/api/v1${path}`, method, body, s.token);
const admin = <T>(s: Started, method: string, path: string, body?: unknown): Promise<T> =>
  jsonCall<T>(`${s.admin}${path}`, method, body);

interface Intent {
  name: string;
  status: string;
  plan: { policies: { candidatePaths: { role: string; links: string[] }[] }[] };
}

async function deployIntent(s: Started, name: string): Promise<string> {
  const body = {
    name,
    kind: 'connectivity',
    endpoints: {
      a: ['NewYork', 'WashingtonDC', 'Atlanta', 'Chicago'].find((n) => !s.legacy.includes(n))!,
      b: ['LosAngeles', 'Sunnyvale', 'Seattle', 'Denver'].find((n) => !s.legacy.includes(n))!,
    },
    slo: { bandwidthMbps: 300, maxDelayUs: 60_000 },
    sle: { protection: 'none' },
  };
  const intent = await api<Intent>(s, 'PUT', `/intents/${name}`, body);
  expect(intent.status).toMatch(/deployed|compliant/);
  const primary = intent.plan.policies[0]!.candidatePaths.find((c) => c.role === 'primary')!;
  return primary.links[Math.floor(primary.links.length / 2)]!;
}

async function openDashboard(browser: Browser, s: Started, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = new URL(s.dashboard);
  url.searchParams.set('refresh', '2000');
  url.searchParams.set('twin', '500');
  url.searchParams.set('live', '1');
  await page.goto(url.toString());
  await page.locator('#map [data-link-id]').first().waitFor({ timeout: 30_000 });
  await page.locator('#util-source', { hasText: 'digital twin' }).waitFor({ timeout: 30_000 });
  return page;
}

/**
 * Awaits a wait on the page about one intent; when it fails, fails with what the controller and the page said
 * then (the intent and its audit trail, every incident with its actions, the intent's item on the page and
 * when the page last refreshed), so a red run says why.
 */
async function explained(s: Started, page: Page, intent: string, wait: Promise<unknown>): Promise<void> {
  try {
    await wait;
  } catch (err) {
    const said = await Promise.all([
      api<unknown>(s, 'GET', `/intents/${intent}`).catch((e: unknown) => String(e)),
      api<unknown>(s, 'GET', '/incidents?state=all').catch((e: unknown) => String(e)),
      api<unknown>(s, 'GET', `/audit?target=${intent}&limit=50`).catch((e: unknown) => String(e)),
      page
        .locator(`li[data-intent="${intent}"]`)
        .first()
        .innerHTML({ timeout: 2000 })
        .catch((e: unknown) => String(e)),
      page
        .locator('#updated')
        .textContent({ timeout: 2000 })
        .catch((e: unknown) => String(e)),
    ]);
    await shot(page, 'failed').catch(() => undefined);
    const [held, incidents, audit, item, updated] = said;
    throw new Error(
      `${String(err)}\nthe page's intent item: ${String(item)}\nthe page: ${String(updated)}\n` +
        `intent: ${JSON.stringify(held)}\nits audit: ${JSON.stringify(audit)}\nincidents: ${JSON.stringify(incidents)}`,
      { cause: err },
    );
  }
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });

describe('NOC dashboard on the real controller and simulator', () => {
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`noc test: ${CHROMIUM} missing: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('autonomy L4', () => {
    let s: Started;
    let page: Page;
    let link: string;
    let faultId: string;
    afterAll(() => stop(s));

    it('1. starts serve, deploys an intent and shows the map with live twin colours', async () => {
      s = await serve([]);
      link = await deployIntent(s, 'noc-ny-la');
      page = await openDashboard(browser, s, errors);
      await page.locator('li[data-intent="noc-ny-la"]').waitFor();
      expect(await page.locator(`[data-link-id="${link}"]`).getAttribute('data-status')).toBe('up');
    });

    it('2. the what-if shows the effect of failing the link before anything changes', async () => {
      await page.locator('#whatif summary').click();
      await page.locator('#whatif input[name="links"]').fill(link);
      await page.locator('#whatif button[type="submit"]').click();
      const result = page.locator('#whatif-result');
      await result.getByText('Predicted max utilisation').waitFor({ timeout: 15_000 });
      expect(await page.locator('#util-source').textContent()).toContain('what-if prediction');
      // the failed link is drawn down in the preview, while the network still has it up
      expect(await page.locator(`[data-link-id="${link}"]`).getAttribute('class')).toContain('down');
      await shot(page, 'whatif');
      await page.locator('#whatif button', { hasText: 'Clear' }).click();
      await page.locator('#util-source', { hasText: 'digital twin' }).waitFor();
      expect(await page.locator(`[data-link-id="${link}"]`).getAttribute('data-status')).toBe('up');
    });

    it('3. a link failed in the simulator turns down on the map within two sampling intervals', async () => {
      const fault = await admin<{ id: string }>(s, 'POST', '/faults', { type: 'link-down', target: link });
      faultId = fault.id;
      const t0 = Date.now();
      await page.locator(`[data-link-id="${link}"].down`).waitFor({ timeout: 2 * SAMPLE_MS + 4000 });
      const ms = Date.now() - t0;
      expect(ms).toBeLessThan(2 * SAMPLE_MS + 4000);
      await shot(page, 'link-down');
    });

    it('4. the incident appears on the page and walks through its states', async () => {
      const item = page.locator('#incident-list li[data-class="link-down"]').first();
      await item.waitFor({ timeout: 60_000 });
      await item.locator('.incident-head').click();
      await item.locator('.timeline li[data-step="located"].done').waitFor({ timeout: 60_000 });
      await item.locator('.timeline li[data-step="repaired"].done').waitFor({ timeout: 90_000 });
      expect(await item.locator('.incident-where').textContent()).toContain(link);
      await shot(page, 'incident');
    });

    it("5. the intent's SLO badge recovers, and the incident is resolved once the fault is cleared", async () => {
      await explained(
        s,
        page,
        'noc-ny-la',
        page
          .locator(
            'li[data-intent="noc-ny-la"] .badge[data-status="compliant"], li[data-intent="noc-ny-la"] .badge[data-status="deployed"]',
          )
          .first()
          .waitFor({ timeout: 60_000 }),
      );
      await admin(s, 'DELETE', `/faults/${faultId}`);
      const item = page.locator('#incident-list li[data-class="link-down"]').first();
      await item.locator('.badge[data-state="resolved"]').waitFor({ timeout: 90_000 });
      await page.locator(`[data-link-id="${link}"][data-status="up"]`).waitFor({ timeout: 10_000 });
    });
  });

  describe('autonomy L3', () => {
    let s: Started;
    let page: Page;
    afterAll(() => stop(s));

    it('6. waits for approval, and the operator approves the repair from the page', async () => {
      s = await serve(['--autonomy', 'L3']);
      const link = await deployIntent(s, 'noc-l3');
      page = await openDashboard(browser, s, errors);
      await admin(s, 'POST', '/faults', { type: 'link-down', target: link });
      const item = page.locator('#incident-list li[data-class="link-down"]').first();
      const approve = item.locator('.approval .approve');
      await approve.waitFor({ timeout: 90_000 });
      await shot(page, 'awaiting-approval');
      await approve.click();
      await item
        .locator(
          '.badge[data-state="repaired"], .badge[data-state="repairing"], .badge[data-state="resolved"]',
        )
        .first()
        .waitFor({ timeout: 90_000 });
      const incidents = await api<{ incidents: { state: string; actions: { kind: string }[] }[] }>(
        s,
        'GET',
        '/incidents?state=all',
      );
      // approved from the page: the incident left awaiting-approval and the repair went ahead
      expect(incidents.incidents.map((i) => i.state)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(repairing|repaired|resolved)$/)]),
      );
      expect(incidents.incidents.some((i) => i.actions.length > 0)).toBe(true);
    });
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
