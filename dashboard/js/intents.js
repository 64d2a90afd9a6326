// The intents panel: one list item per intent, keyed by name and updated in place (focus survives).

import { h } from './dom.js';
import { bandwidth } from './format.js';

/** Status → tone of its badge (the badge always shows the word too: never colour alone). */
const TONE = {
  compliant: 'ok',
  deployed: 'ok',
  degraded: 'warn',
  repairing: 'warn',
  failed: 'bad',
  accepted: 'busy',
  compiled: 'busy',
  verified: 'busy',
  deploying: 'busy',
  deleting: 'idle',
};

/** Sort order: what needs attention first. */
const RANK = {
  failed: 0,
  degraded: 1,
  repairing: 2,
  deploying: 3,
  accepted: 4,
  compiled: 4,
  verified: 4,
  deleting: 5,
  deployed: 6,
  compliant: 7,
};

/** @param {string} status */
export function tone(status) {
  return /** @type {Record<string, string>} */ (TONE)[status] ?? 'idle';
}

/** @param {string} status */
function rank(status) {
  return /** @type {Record<string, number>} */ (RANK)[status] ?? 5;
}

/** @param {string} status */
export function badge(status) {
  return h('span', { class: `badge tone-${tone(status)}`, 'data-status': status }, [status]);
}

/** @param {any} i */
function summary(i) {
  const slo = i.slo ?? {};
  const prot = i.sle?.protection && i.sle.protection !== 'none' ? ` · ${i.sle.protection}` : '';
  return `${i.endpoints?.a ?? '?'} → ${i.endpoints?.b ?? '?'} · ${bandwidth(slo.bandwidthMbps)}${prot}`;
}

/**
 * @param {HTMLElement} list the <ul>
 * @param {HTMLElement} empty the empty-state paragraph
 * @param {(name: string) => void} onSelect
 */
export function createIntentPanel(list, empty, onSelect) {
  /** @type {Map<string, HTMLElement>} */
  const items = new Map();

  /** @param {HTMLElement} li @param {any} i */
  function fill(li, i) {
    const btn = /** @type {HTMLElement} */ (li.firstElementChild);
    const old = btn.querySelector('.badge');
    if (old?.getAttribute('data-status') !== i.status) {
      const b = badge(i.status);
      if (old) old.replaceWith(b);
      else btn.append(b);
    }
    /** @type {HTMLElement} */ (btn.querySelector('.intent-sub')).textContent = summary(i);
    const reason = i.reason ? ` — ${i.reason}` : '';
    btn.setAttribute('aria-label', `Intent ${i.name}, status ${i.status}${reason}. ${summary(i)}`);
    li.dataset.status = i.status;
    li.dataset.tone = tone(i.status);
  }

  return {
    /** @param {any[]} intents @param {string | undefined} selected */
    render(intents, selected) {
      const sorted = [...intents].sort(
        (x, y) => rank(x.status) - rank(y.status) || x.name.localeCompare(y.name),
      );
      const keep = new Set(sorted.map((i) => i.name));
      for (const [name, li] of items) if (!keep.has(name)) (li.remove(), items.delete(name));
      for (const i of sorted) {
        let li = items.get(i.name);
        if (!li) {
          const btn = h('button', { type: 'button', class: 'intent', onclick: () => onSelect(i.name) }, [
            h('span', { class: 'intent-name' }, [i.name]),
            h('span', { class: 'intent-sub' }),
          ]);
          li = h('li', { 'data-intent': i.name }, [btn]);
          items.set(i.name, li);
        }
        fill(li, i);
        list.append(li); // re-appending moves it: the list follows the sort order
      }
      this.select(selected);
      empty.hidden = intents.length > 0;
    },

    /** Applies one status change from the event stream before the next full refresh. @param {any} i */
    update(i) {
      const li = items.get(i.name);
      if (li) fill(li, i);
    },

    /** @param {string | undefined} name */
    select(name) {
      for (const [n, li] of items) {
        const btn = /** @type {HTMLElement} */ (li.firstElementChild);
        btn.setAttribute('aria-pressed', String(n === name));
        li.classList.toggle('selected', n === name);
      }
    },
  };
}
