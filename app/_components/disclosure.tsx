'use client';

import { useState, type ReactNode } from 'react';

/**
 * A <details> that starts open or closed and then stays as the user leaves it. A server-rendered
 * `<details open={...}>` would snap shut when the page refreshes after a form inside it succeeds, hiding the
 * form's own confirmation.
 */
export function Disclosure({ summary, startsOpen, children }: { summary: ReactNode; startsOpen: boolean; children: ReactNode }) {
  const [isOpen, setOpen] = useState(startsOpen);
  return (
    <details open={isOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
