/**
 * `<parley-count data-article="slug"></parley-count>` on a publisher's list page: the number of
 * visible comments of each article, asked for all elements on the page in one request
 * (GET /api/articles/counts, answered to allowed origins only). Whatever the element holds until
 * then (say "Comments") stays if the count cannot be had.
 */

/** Most slugs per request (the server's limit). */
const SLUGS_PER_REQUEST = 100;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const COUNT_ELEMENT = 'parley-count';

function countText(count: number, format: string | null): string {
  const number = count.toLocaleString();
  if (format === 'number') return number;
  return `${number} ${count === 1 ? 'comment' : 'comments'}`;
}

async function fetchCounts(parleyOrigin: string, slugs: string[]): Promise<Record<string, number>> {
  const url = `${parleyOrigin}/api/articles/counts?slugs=${slugs.map(encodeURIComponent).join(',')}`;
  const response = await fetch(url, { mode: 'cors', credentials: 'omit' });
  if (!response.ok) throw new Error(`the counts request answered ${response.status}`);
  const body = (await response.json()) as { counts?: Record<string, number> };
  return body.counts ?? {};
}

/**
 * Defines the element, asking `parleyOrigin` (the origin embed.js came from) for its counts.
 * Elements that connect in the same turn share one request; `refresh` asks again for them all.
 */
export function defineCountElement(parleyOrigin: string): { refresh(): void } {
  let waiting = new Set<HTMLElement>();
  let scheduled = false;
  let warned = false;

  const flush = async () => {
    scheduled = false;
    const elements = [...waiting].filter((e) => e.isConnected);
    waiting = new Set();
    const slugs = [...new Set(elements.map((e) => e.dataset.article ?? '').filter((s) => SLUG.test(s)))];
    for (let i = 0; i < slugs.length; i += SLUGS_PER_REQUEST) {
      const batch = slugs.slice(i, i + SLUGS_PER_REQUEST);
      try {
        const counts = await fetchCounts(parleyOrigin, batch);
        for (const element of elements) {
          const count = counts[element.dataset.article ?? ''];
          if (typeof count !== 'number') continue;
          element.textContent = countText(count, element.getAttribute('data-format'));
          element.dataset.count = String(count);
        }
      } catch (error) {
        if (!warned)
          console.error(
            `Parley: comment counts could not be read from ${parleyOrigin}. Is ${window.location.origin} in Parley's EMBED_ORIGINS?`,
            error,
          );
        warned = true;
      }
    }
  };

  const ask = (element: HTMLElement) => {
    waiting.add(element);
    if (scheduled) return;
    scheduled = true;
    // Elements connected in this turn (a whole list rendered at once) go in one request.
    setTimeout(() => void flush(), 0);
  };

  if (!customElements.get(COUNT_ELEMENT)) {
    customElements.define(
      COUNT_ELEMENT,
      class ParleyCount extends HTMLElement {
        static observedAttributes = ['data-article'];
        connectedCallback() {
          ask(this);
        }
        attributeChangedCallback(_name: string, before: string | null, after: string | null) {
          if (this.isConnected && before !== null && before !== after) ask(this);
        }
      },
    );
  }
  return {
    refresh() {
      for (const element of document.querySelectorAll<HTMLElement>(COUNT_ELEMENT)) ask(element);
    },
  };
}
