import type { ReactNode } from 'react';

/** A heading at a level chosen by where the panel sits (h2 on the article, h3 inside the debate panel). */
export function Heading({
  level,
  id,
  className,
  children,
}: {
  level: 2 | 3 | 4 | 5;
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}
