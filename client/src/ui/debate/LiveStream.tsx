import { useEffect, useRef, useState } from 'react';
import { parseStreamLink } from '../../../../shared/debate/stream-link.js';
import './live-stream.css';

/**
 * The YouTube and Vimeo players need their own scripts and storage (same-origin to themselves,
 * which is not ours) and the presentation API; nothing else: no forms, no popups, no navigating
 * the debate page.
 */
const PLAYER_SANDBOX = 'allow-scripts allow-same-origin allow-presentation';

/**
 * An HLS stream in a <video>. Safari plays HLS itself; elsewhere hls.js feeds the element through
 * Media Source Extensions. hls.js is imported only here, on demand, so it stays out of the main
 * bundle for the many pages that never show an HLS stream.
 */
function HlsVideo({ src, title }: { src: string; title: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState('');
  const unplayable = () => setProblem('The stream could not be played. It may not have started yet.');
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    if (element.canPlayType('application/vnd.apple.mpegurl')) {
      element.src = src;
      return () => {
        element.removeAttribute('src');
        element.load();
      };
    }
    let stopped = false;
    let destroy = () => {};
    import('hls.js').then(
      ({ default: Hls }) => {
        if (stopped) return;
        if (!Hls.isSupported()) {
          setProblem('This browser cannot play this stream.');
          return;
        }
        const hls = new Hls();
        destroy = () => hls.destroy();
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (data.fatal) unplayable();
        });
        hls.loadSource(src);
        hls.attachMedia(element);
      },
      () => {
        if (!stopped) setProblem('The player could not be loaded. Reload the page to try again.');
      },
    );
    return () => {
      stopped = true;
      destroy();
    };
  }, [src]);
  return (
    <>
      {/* onError: the browser's own HLS player failing (hls.js reports through its ERROR event). */}
      <video ref={video} className="live-stream__player" controls playsInline title={title} onError={unplayable} />
      {problem && (
        <p className="live-stream__problem" role="status">
          {problem}
        </p>
      )}
    </>
  );
}

/**
 * The session's live video or audio, above the floor (issue 13): drawn only from a link the shared
 * parser accepts (the server kept no other), with the embed address the parser rebuilt.
 */
export function LiveStream({ url, motion }: { url: string | null | undefined; motion: string }) {
  const parsed = url ? parseStreamLink(url) : null;
  if (!parsed?.ok) return null;
  const { kind, embedUrl } = parsed.embed;
  const title = `Live stream: ${motion}`;
  return (
    <section className="live-stream" aria-label={title} data-testid="live-stream">
      <div className="live-stream__frame">
        {kind === 'hls' ? (
          // Keyed by the source: a new stream starts with a fresh element and no old problem.
          <HlsVideo key={embedUrl} src={embedUrl} title={title} />
        ) : (
          <iframe
            className="live-stream__player"
            src={embedUrl}
            title={title}
            allow="autoplay; fullscreen; picture-in-picture"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
            sandbox={PLAYER_SANDBOX}
          />
        )}
      </div>
    </section>
  );
}
