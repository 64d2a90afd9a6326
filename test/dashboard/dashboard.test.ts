import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startFakeApi } from './fake-api';
import type { FakeApi } from './fake-api';
import { INCIDENTS, INTENTS, TOPOLOGY } from './fake-api.fixture';

// Needs the Debian package `chromium`.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DASHBOARD = resolve(__dirname, '../../dashboard');

jest.setTimeout(60_000);

describe('NOC dashboard in headless Chromium (fake API)', () => {
  let fake: FakeApi;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`dashboard test: ${CHROMIUM} missing: apt-get install -y chromium`);
    fake = await startFakeApi(DASHBOARD);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${fake.url}/?refresh=60000&live=1`);
    await page
      .locator('#intent-list li')
      .nth(INTENTS.length - 1)
      .waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  const ids = async (selector: string, attr: string, on: Page = page): Promise<string[]> => {
    const loc = on.locator(selector);
    const out: string[] = [];
    for (let i = 0, n = await loc.count(); i < n; i++) out.push((await loc.nth(i).getAttribute(attr)) ?? '');
    return out.sort();
  };

  it('draws one SVG element per node and per link, each link an accessible button', async () => {
    expect(await ids('#map [data-node-id]', 'data-node-id')).toEqual(TOPOLOGY.nodes.map((n) => n.id).sort());
    expect(await ids('#map [data-link-id]', 'data-link-id')).toEqual(TOPOLOGY.links.map((l) => l.id).sort());
    const l2 = page.locator('[data-link-id="L2"]');
    expect(await l2.getAttribute('role')).toBe('button');
    expect(await l2.getAttribute('aria-label')).toContain('97%');
    // 9700 of 10000 reserved: the top band; 2000 of 10000: the lowest
    expect(await l2.getAttribute('class')).toContain('u4');
    expect(await page.locator('[data-link-id="L1"]').getAttribute('class')).toContain('u0');
  });

  it('colours links by live telemetry where it answers, by reservations elsewhere', async () => {
    await page.locator('#util-source', { hasText: 'live telemetry' }).waitFor();
    expect(await page.locator('#util-source').textContent()).toContain('1/8 links');
    expect(await page.locator('[data-link-id="L7"]').getAttribute('class')).toContain('u3');
    expect(await page.locator('[data-link-id="L7"]').getAttribute('aria-label')).toContain(
      'live utilisation 88%',
    ); // the latest bucket, busier direction;
    expect(await page.locator('#telemetry .pill-value').textContent()).toBe('6/6 NEs · 48/s');
  });

  it('offsets parallel links so both stay visible', async () => {
    const d5 = await page.locator('[data-link-id="L5"] .wire').getAttribute('d');
    const d6 = await page.locator('[data-link-id="L6"] .wire').getAttribute('d');
    expect(d5).not.toEqual(d6);
    expect(d5).toContain('Q');
  });

  it('updates an intent status badge from the SSE stream', async () => {
    const badge = page.locator('li[data-intent="video-snv-den"] .badge');
    expect(await badge.textContent()).toBe('deployed');
    await waitUntil(() => fake.streams() > 0);
    fake.pushStatus('video-snv-den', 'degraded', 'delay 31 ms > 20 ms');
    await page
      .locator('li[data-intent="video-snv-den"] .badge[data-status="degraded"]')
      .waitFor({ timeout: 10_000 });
    expect(await badge.textContent()).toBe('degraded');
  });

  it('highlights exactly the primary and backup links of the clicked intent', async () => {
    await page.locator('li[data-intent="finance-sea-chi"] button').click();
    expect(await ids('#map .path-primary', 'data-link-id')).toEqual(['L1', 'L4', 'L5']);
    expect(await ids('#map .path-backup', 'data-link-id')).toEqual(['L2', 'L6', 'L7']);
    await page.screenshot({ path: '/tmp/dashboard.png', animations: 'disabled' });
    await page.locator('li[data-intent="video-snv-den"] button').click();
    expect(await ids('#map .path-primary', 'data-link-id')).toEqual(['L3']);
    expect(await ids('#map .path-backup', 'data-link-id')).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await page.locator('#map .path-primary').count()).toBe(0);
  });

  it('shows a link’s per-direction capacity, reserved and free bandwidth (mouse and keyboard)', async () => {
    await page.locator('[data-link-id="L3"]').click();
    const detail = page.locator('#detail');
    await detail.getByText('SNV → DEN').waitFor();
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('DEN → SNV');
    expect(text).toContain('SNV → DEN65% reserved');
    expect(text).toMatch(/Capacity10 Gbit\/sReserved6\.5 Gbit\/s/);
    expect(text).toMatch(/Free3\.5 Gbit\/s/);
    expect(text).toContain('Intents on this link (1)video-snv-den primary');
    await page.locator('[data-link-id="L8"]').focus();
    await page.keyboard.press('Enter');
    await detail.getByText('CHI → LAB').waitFor();
    expect(await detail.textContent()).toContain('1 Gbit/s');
  });

  it('shows a banner while the API is down and clears it when it is back', async () => {
    const banner = page.locator('#banner');
    expect(await banner.isHidden()).toBe(true);
    fake.setDown(true);
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await banner.textContent()).toContain('unreachable');
    expect(await page.locator('#health').getAttribute('data-state')).toBe('bad');
    await page.screenshot({ path: '/tmp/dashboard-down.png' });
    fake.setDown(false);
    await page.locator('#banner-retry').click();
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await page.locator('#health').getAttribute('data-state')).toBe('ok');
    // the map and the list survived the outage
    expect(await page.locator('#map [data-link-id]').count()).toBe(TOPOLOGY.links.length);
  });

  it('an answer that stalls mid-body shows the banner within its deadline, and refreshing goes on after', async () => {
    const banner = page.locator('#banner');
    expect(await banner.isHidden()).toBe(true);
    fake.setStalled(true);
    // a status event (the status it already has) makes the page refresh the list at once: that answer
    // hangs after its first bytes
    fake.pushStatus('video-snv-den', 'degraded', 'delay 31 ms > 20 ms');
    await banner.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await banner.textContent()).toContain('unreachable');
    fake.setStalled(false);
    await page.locator('#banner-retry').click();
    // only a refresh that completed clears the banner
    await banner.waitFor({ state: 'hidden', timeout: 15_000 });
    expect(await page.locator('#health').getAttribute('data-state')).toBe('ok');
    expect(await page.locator('#intent-list li').count()).toBe(INTENTS.length);
  });

  it('counts a failed or rolled-back incident as open, and says how many were not repaired', async () => {
    fake.setIncidents(INCIDENTS);
    const second = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    second.on('pageerror', (e) => errors.push(String(e)));
    try {
      await second.goto(`${fake.url}/?refresh=60000`);
      await second
        .locator('#incident-list li[data-incident]')
        .nth(INCIDENTS.length - 1)
        .waitFor();
      expect(await second.locator('#incident-counts').textContent()).toBe(
        '4 open · 1 awaiting approval · 2 not repaired · 5 total',
      );
      // open ones first (newest first), the resolved one last
      expect(await ids('#incident-list li.incident.open', 'data-incident', second)).toEqual([
        'inc-2',
        'inc-3',
        'inc-4',
        'inc-5',
      ]);
      const items = second.locator('#incident-list li[data-incident]');
      const order: string[] = [];
      for (let i = 0, n = await items.count(); i < n; i++)
        order.push((await items.nth(i).getAttribute('data-incident')) ?? '');
      expect(order).toEqual(['inc-3', 'inc-2', 'inc-4', 'inc-5', 'inc-1']);
    } finally {
      await second.close();
    }
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('waitUntil: timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
