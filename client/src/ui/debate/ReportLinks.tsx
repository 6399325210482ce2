import { useState, type MouseEvent } from 'react';
import { renewTokens, usableTokens } from '../../api/client.js';
import { getTokens } from '../../state/tokens.js';
import { Link } from '../layout/Link.js';
import { markdownPath, reportPath } from './report-api.js';

async function fetchMarkdown(path: string): Promise<Response> {
  const used = await usableTokens();
  const send = (token: string | undefined) =>
    fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const response = await send(used?.accessToken);
  if (response.status !== 401 || !used) return response;
  const fresh = await renewTokens(used);
  return fresh ? send(fresh.accessToken) : response;
}

/**
 * "Download Markdown": a plain link (the export is open to everyone once the results are out); for
 * someone signed in it is fetched with their token, so the host and moderators get it sooner.
 */
export function MarkdownLink({ debateId }: { debateId: string }) {
  const [error, setError] = useState('');
  const path = markdownPath(debateId);
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (!getTokens()) return; // the browser follows the link
    event.preventDefault();
    setError('');
    try {
      const response = await fetchMarkdown(path);
      if (!response.ok)
        throw new Error(
          response.status === 403
            ? 'The report opens when the host has revealed the results.'
            : `The server answered ${response.status}.`,
        );
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `debate-${debateId}.md`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : 'Could not download the report.');
    }
  };
  return (
    <>
      <a href={path} download className="button button--quiet button--small" onClick={(event) => void download(event)}>
        Download Markdown
      </a>
      {error && (
        <span className="debate-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** After the session: the report page and its Markdown export. */
export function ReportLinks({ debateId }: { debateId: string }) {
  return (
    <p className="debate-report-links">
      <Link to={reportPath(debateId)} className="button button--small">
        Report
      </Link>
      <MarkdownLink debateId={debateId} />
    </p>
  );
}
