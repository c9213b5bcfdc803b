import 'server-only';

/**
 * What a form posted, for a data-access function to parse: every field except Next.js's own (`$ACTION_...`)
 * and the `routingKeys` that only say which record the action is about (the action passes those on by name).
 * Fields named in `lists` come as arrays (checkbox groups), every other field as its single value.
 */
export function formFields(form: FormData, { except = [], lists = [] }: { except?: readonly string[]; lists?: readonly string[] } = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$') || except.includes(key)) continue;
    fields[key] = lists.includes(key) ? form.getAll(key) : form.get(key);
  }
  return fields;
}
