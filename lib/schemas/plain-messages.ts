import { z } from 'zod';

// zod's own wording ("Too small: expected number to be >=1") is for developers. Every schema here gives
// its own messages where a user is likely to go wrong; this plain fallback covers the rest, so no input,
// however odd, is answered in zod's words.

function fieldName(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((segment) => typeof segment === 'string');
  if (typeof last !== 'string' || last.length === 0) return 'A value';
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isDefined(value: unknown): boolean {
  return value !== undefined && value !== null;
}

z.config({
  customError: (issue) => {
    const field = fieldName(issue.path ?? []);
    switch (issue.code) {
      case 'invalid_type':
        return isDefined(issue.input) ? `${field} is not the right kind of value.` : `${field} is required.`;
      case 'too_small':
        if (issue.origin === 'string') return `${field} is too short.`;
        if (issue.origin === 'array' || issue.origin === 'set') return `${field} needs more entries.`;
        return `${field} must be at least ${String(issue.minimum)}.`;
      case 'too_big':
        if (issue.origin === 'string') return `${field} is too long.`;
        if (issue.origin === 'array' || issue.origin === 'set') return `${field} has too many entries.`;
        return `${field} can be at most ${String(issue.maximum)}.`;
      case 'invalid_format':
        return `${field} is not in the right format.`;
      case 'invalid_value':
        return `${field} is not one of the choices.`;
      case 'unrecognized_keys':
        return 'The form sent something we do not accept. Reload the page and try again.';
      default:
        return `${field} is not valid.`;
    }
  },
});

export {};
