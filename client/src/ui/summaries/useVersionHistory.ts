import { useCallback, useState } from 'react';
import type { DocVersionInfo } from '../../../../shared/collab.js';
import * as collab from '../../collab/api.js';
import { ApiError } from '../../api/errors.js';
import { useResource, type Resource } from '../../api/useResource.js';

export interface VersionHistory {
  /** The list, loaded while the panel is open (null while closed). */
  versions: Resource<DocVersionInfo[] | null>;
  reload(): void;
  /** The version shown read-only, if any. */
  viewing: collab.VersionWithState | null;
  view(id: string): Promise<void>;
  closeView(): void;
  save(name: string): Promise<boolean>;
  restore(version: DocVersionInfo): Promise<boolean>;
  /** An action under way (its name), for disabling buttons. */
  busy: string | null;
  /** The last action's outcome, in words. */
  notice: { kind: 'done' | 'failed'; text: string } | null;
}

const messageOf = (error: unknown): string => (error instanceof ApiError ? error.message : 'Something went wrong.');

/** Versions of one document: listing (only while `open`), viewing one, saving and restoring. */
export function useVersionHistory(docName: string, open: boolean): VersionHistory {
  const [versions, reload] = useResource(
    (signal) => (open ? collab.listVersions(docName, signal) : Promise.resolve(null)),
    [docName, open],
  );
  const [viewing, setViewing] = useState<collab.VersionWithState | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<VersionHistory['notice']>(null);

  const act = useCallback(async (what: string, run: () => Promise<string>): Promise<boolean> => {
    setBusy(what);
    setNotice(null);
    try {
      setNotice({ kind: 'done', text: await run() });
      return true;
    } catch (error) {
      setNotice({ kind: 'failed', text: messageOf(error) });
      return false;
    } finally {
      setBusy(null);
    }
  }, []);

  return {
    versions,
    reload,
    viewing,
    view: async (id) => {
      await act('view', async () => {
        const version = await collab.getVersion(id);
        setViewing(version);
        return `Showing “${version.name}”.`;
      });
    },
    closeView: () => setViewing(null),
    save: (name) =>
      act('save', async () => {
        const version = await collab.takeVersion(docName, name);
        reload();
        return `Saved “${version.name}”.`;
      }),
    restore: (version) =>
      act('restore', async () => {
        await collab.restoreVersion(version.id);
        setViewing(null);
        reload();
        return `Restored “${version.name}”. The text before it is kept as a version.`;
      }),
    busy,
    notice,
  };
}
