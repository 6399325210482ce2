/** Front-page requests: follow articles' live numbers (`front:watch`) and stop (`front:unwatch`). */
import type { Deps } from '../domain/deps.js';
import type { FrontPage } from './front-page.js';
import type { RequestHandlers } from './requests.js';

export const frontRequests = (deps: Deps, front: FrontPage) =>
  ({
    'front:watch': async ({ articleIds }, { socket }) => {
      const unique = [...new Set(articleIds)];
      // Only articles that exist are followed and answered: an unknown id is left out, not an error.
      const states = await Promise.all(unique.map((id) => deps.store.getArticleState(id)));
      const existing = unique.filter((_, i) => states[i] !== null);
      // In the room before the read (DESIGN rule 3): a change after the read reaches the page live.
      await front.watch(socket, existing);
      return front.read(existing);
    },

    'front:unwatch': async (_input, { socket }) => {
      await front.unwatch(socket);
      return null;
    },
  }) satisfies Partial<RequestHandlers>;
