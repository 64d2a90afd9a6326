import { tmpdir } from 'node:os';
import { scrubErrorText } from './error-scrub';

describe('scrubErrorText', () => {
  it('removes temporary and source file names', () => {
    expect(scrubErrorText(`libyang: Data in ${tmpdir()}/autonet-yang-Ab12/doc-7.json invalid`)).not.toContain(
      'autonet-yang',
    );
    expect(scrubErrorText('at Object.<anonymous> (/work/main/src/api/x.ts:12:3)')).toBe(
      'at Object.<anonymous> (<file>:12:3)',
    );
    expect(scrubErrorText('cannot open /usr/share/yang/ietf-inet-types.yang')).toBe('cannot open <file>');
  });

  it('keeps API paths, error-paths and plain text', () => {
    const keep = [
      "Invalid value in /autonet-intent:intents/intent[name='a']/slo/bandwidth-mbps",
      'no such route /api/v1/intents/x.json',
      'unknown node NewYork/Chicago',
      'duplicate member at /slo/x',
    ];
    for (const m of keep) expect(scrubErrorText(m)).toBe(m);
  });
});
