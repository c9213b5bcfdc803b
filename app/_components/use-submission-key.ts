'use client';

import { useRef } from 'react';

/**
 * A one-time key for a form's submit, made when it is first submitted and kept until that submit
 * succeeds: a double tap (or a retry after a lost answer) sends the same key, and the server keeps one
 * row. Made at submit time, not render time, so the server's HTML and the browser's agree.
 */
export function useSubmissionKey() {
  const key = useRef<string | null>(null);
  return {
    addTo(form: FormData) {
      key.current ??= crypto.randomUUID();
      form.set('submissionKey', key.current);
    },
    done() {
      key.current = null;
    },
  };
}
