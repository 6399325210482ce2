import { describe, expect, it } from 'vitest';
import { parseStreamLink, STREAM_LINK_MAX_CHARS } from './stream-link.js';

const ID = 'dQw4w9WgXcQ';

describe('parseStreamLink accepts', () => {
  it.each([
    [`https://www.youtube.com/watch?v=${ID}`, `https://www.youtube-nocookie.com/embed/${ID}`],
    [`https://youtube.com/watch?v=${ID}&t=42s`, `https://www.youtube-nocookie.com/embed/${ID}`],
    [`https://m.youtube.com/watch?feature=share&v=${ID}`, `https://www.youtube-nocookie.com/embed/${ID}`],
    [`https://youtu.be/${ID}?si=abc`, `https://www.youtube-nocookie.com/embed/${ID}`],
    [`https://www.youtube.com/live/${ID}?feature=shared`, `https://www.youtube-nocookie.com/embed/${ID}`],
    [`  https://YouTube.com/live/${ID}/  `, `https://www.youtube-nocookie.com/embed/${ID}`],
  ])('YouTube: %s', (link, embedUrl) => {
    expect(parseStreamLink(link)).toEqual({ ok: true, embed: { kind: 'youtube', embedUrl } });
  });

  it.each([
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871'],
    ['https://www.vimeo.com/76979871/', 'https://player.vimeo.com/video/76979871'],
  ])('Vimeo: %s', (link, embedUrl) => {
    expect(parseStreamLink(link)).toEqual({ ok: true, embed: { kind: 'vimeo', embedUrl } });
  });

  it.each([
    ['https://cdn.example.org/live/debate.m3u8', 'https://cdn.example.org/live/debate.m3u8'],
    ['https://cdn.example.org:8443/a/Master.M3U8?token=x1#t=3', 'https://cdn.example.org:8443/a/Master.M3U8?token=x1'],
  ])('HLS: %s', (link, embedUrl) => {
    expect(parseStreamLink(link)).toEqual({ ok: true, embed: { kind: 'hls', embedUrl } });
  });
});

describe('parseStreamLink refuses', () => {
  const reasonOf = (link: string) => {
    const result = parseStreamLink(link);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.reason;
  };

  it.each([
    ['an empty link', '   ', /Paste the link/],
    ['http', `http://www.youtube.com/watch?v=${ID}`, /Only https/],
    ['http HLS', 'http://cdn.example.org/live.m3u8', /Only https/],
    ['javascript:', 'javascript:alert(1)//.m3u8', /Only https/],
    ['data:', 'data:text/html,<script>alert(1)</script>', /Only https/],
    ['not a link', 'youtube.com/watch?v=' + ID, /not a full link/],
    ['another host', 'https://example.com/watch?v=' + ID, /Only YouTube, Vimeo and HLS/],
    ['a look-alike host', `https://youtube.com.evil.example/watch?v=${ID}`, /Only YouTube, Vimeo and HLS/],
    ['a YouTube link with no video', 'https://www.youtube.com/channel/UC123', /names no video/],
    ['a YouTube id of the wrong shape', 'https://youtu.be/abc"><script>', /names no video/],
    ['a YouTube link on another port', `https://www.youtube.com:8080/watch?v=${ID}`, /Only YouTube, Vimeo and HLS/],
    ['a Vimeo link with no number', 'https://vimeo.com/channels/staffpicks', /names no video/],
    ['credentials in the link', 'https://user:pw@cdn.example.org/live.m3u8', /user name or password/],
    ['a playlist that is not HLS', 'https://cdn.example.org/live.mpd', /Only YouTube, Vimeo and HLS/],
  ])('%s', (_name, link, reason) => {
    expect(reasonOf(link)).toMatch(reason);
  });

  it(`a link over ${STREAM_LINK_MAX_CHARS} characters`, () => {
    const long = `https://cdn.example.org/${'a'.repeat(STREAM_LINK_MAX_CHARS)}.m3u8`;
    expect(reasonOf(long)).toBe('The link is longer than 2,000 characters.');
    const justFits = `https://cdn.example.org/${'a'.repeat(STREAM_LINK_MAX_CHARS - 29)}.m3u8`;
    expect(justFits.length).toBe(STREAM_LINK_MAX_CHARS);
    expect(parseStreamLink(justFits).ok).toBe(true);
  });
});
