// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveError } from '../../realtime/requests.js';
import { flushPromises } from '../../testing/flush.js';
import { Composer } from './Composer.js';

const overloaded = (retryAfterMs: number) =>
  new LiveError({ code: 'OVERLOADED', message: 'raw', meta: { retryAfterMs } });

function renderComposer(onSubmit: (body: string) => Promise<void>) {
  render(
    createElement(Composer, {
      label: 'Write a comment',
      submitLabel: 'Post comment',
      busyLabel: 'Posting…',
      onSubmit: (body: string) => onSubmit(body),
    }),
  );
  const box = screen.getByLabelText('Write a comment') as HTMLTextAreaElement;
  fireEvent.change(box, { target: { value: 'My view' } });
  return box;
}

const settle = () => act(() => flushPromises());

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Composer when the server is overloaded', () => {
  it('says so calmly and sends once more after the wait the server named', async () => {
    const onSubmit = vi.fn<(body: string) => Promise<void>>();
    onSubmit.mockRejectedValueOnce(overloaded(2500)).mockResolvedValueOnce(undefined);
    const box = renderComposer(onSubmit);

    fireEvent.submit(box.closest('form')!);
    await settle();
    expect(screen.getByRole('status').textContent).toBe('Busy right now — trying again in 3 s.');
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(onSubmit).toHaveBeenCalledTimes(1);

    await act(async () => {
      vi.advanceTimersByTime(2499);
      await flushPromises();
    });
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await act(async () => {
      vi.advanceTimersByTime(1);
      await flushPromises();
    });
    expect(onSubmit).toHaveBeenCalledTimes(2);
    expect(onSubmit).toHaveBeenLastCalledWith('My view');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(box.value).toBe('');
  });

  it('after a second refusal gives the text back and lets the user try again', async () => {
    const onSubmit = vi.fn<(body: string) => Promise<void>>().mockRejectedValue(overloaded(4000));
    const box = renderComposer(onSubmit);

    fireEvent.submit(box.closest('form')!);
    await settle();
    await act(async () => {
      vi.advanceTimersByTime(4000);
      await flushPromises();
    });
    expect(onSubmit).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('alert').textContent).toBe('Busy right now — nothing was saved. Try again in 4 s.');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(box.value).toBe('My view');
    expect((screen.getByRole('button', { name: 'Post comment' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('does not retry any other refusal', async () => {
    const onSubmit = vi
      .fn<(body: string) => Promise<void>>()
      .mockRejectedValue(
        new LiveError({ code: 'SLOW_MODE', message: 'Slow mode is on.', meta: { retryAfterMs: 1000 } }),
      );
    const box = renderComposer(onSubmit);
    fireEvent.submit(box.closest('form')!);
    await settle();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert').textContent).toBe('Slow mode is on.');
  });
});

describe('Composer tabs and keys', () => {
  it('shows the rendered Markdown under Preview, with arrow keys between the tabs', () => {
    renderComposer(() => Promise.resolve());
    fireEvent.change(screen.getByLabelText('Write a comment'), {
      target: { value: '**bold** and [x](javascript:alert(1))' },
    });
    const preview = screen.getByRole('tab', { name: 'Preview' });
    fireEvent.click(preview);
    expect(preview.getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel');
    expect(panel.querySelector('strong')?.textContent).toBe('bold');
    expect(panel.querySelector('a')).toBeNull();
    fireEvent.keyDown(preview, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Write' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Write' }));
  });

  it('closes on Escape from anywhere in the box, handing back what was typed', () => {
    const onCancel = vi.fn<(draft: string) => void>();
    render(
      createElement(Composer, {
        label: 'Write a reply',
        submitLabel: 'Post reply',
        busyLabel: 'Posting…',
        onSubmit: () => Promise.resolve(),
        onCancel,
      }),
    );
    fireEvent.change(screen.getByLabelText('Write a reply'), { target: { value: 'half a thought' } });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Preview' }), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledWith('half a thought');
  });
});
