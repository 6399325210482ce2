import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../../state/router.js';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** An in-app path such as `/a/some-slug`. */
  to: string;
}

/**
 * An ordinary link that moves inside the app without a page load. Modified clicks (new tab,
 * new window, download) and other targets are left to the browser.
 */
export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || (target && target !== '_self')) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}
