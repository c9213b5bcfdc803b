// What `npm start` (scripts/serve.mjs) refuses before Next.js sees a request: requests Next.js cannot read and
// would answer with a bare 500 (a server action posted a body that is not its encoding, nested 50,000 deep, over
// the size limit, or with no content type; JSON that does not parse; a path whose percent-encoding does not
// decode). They get a 400 or a 413 with the plain error page instead. Plain JavaScript so that `npm start` runs
// without a compiler.
import busboy from 'busboy';

/** Next.js's own limit for a server action's body (serverActions.bodySizeLimit), and ours for other small bodies. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Deeper than any argument our forms send (a FormData and a previous state), far shallower than a stack. */
export const MAX_JSON_DEPTH = 32;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function mediaType(contentType) {
  return String(contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** 400 when the path's percent-encoding does not decode (%zz, or half a UTF-8 character), else null. */
export function targetProblem(url) {
  const path = String(url ?? '/').split('?')[0];
  try {
    decodeURIComponent(path);
    return null;
  } catch {
    return 400;
  }
}

/**
 * Whether the server reads the body before Next.js does: server actions (posted to a page, with a Next-Action
 * header or, without JavaScript, as a form), and the small bodies route handlers parse (JSON, text, forms). A file
 * upload to a route handler (multipart to /api/) streams through untouched: the route enforces its own limits.
 */
export function mustReadBody({ method, url, headers }) {
  if (!WRITES.has(method)) return false;
  if (headers['next-action'] !== undefined) return true;
  if (!String(url ?? '/').startsWith('/api/')) return true;
  return mediaType(headers['content-type']) !== 'multipart/form-data';
}

/** The deepest nesting of arrays and objects in a JSON text, counted without parsing it. */
export function jsonDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '[' || character === '{') deepest = Math.max(deepest, (depth += 1));
    else if (character === ']' || character === '}') depth -= 1;
  }
  return deepest;
}

/**
 * React's reply encoding marks special values with strings that start with "$". Our forms send their FormData
 * ("$K1"), escaped text ("$$..."), and the plain values a previous answer holds (undefined, dates, numbers React
 * spells out). Every other mark refers to a part of the body (a map, a set, a blob, a promise, a server reference,
 * another chunk) that Next.js resolves and answers with a 500 when it is not there: none of our forms sends one.
 */
const REPLY_MARK_WE_SEND = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$|K\d+$)/;

function hasForeignMark(value) {
  if (typeof value === 'string') return value.startsWith('$') && !REPLY_MARK_WE_SEND.test(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasForeignMark);
}

function jsonProblem(text, { isReply = false, mustBeArray = false } = {}) {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return 400;
  try {
    const value = JSON.parse(text);
    if (mustBeArray && !Array.isArray(value)) return 400;
    return isReply && hasForeignMark(value) ? 400 : null;
  } catch {
    return 400;
  }
}

/** The text fields of a multipart body, or null when it does not parse. */
function multipartFields(headers, body) {
  return new Promise((resolve) => {
    const fields = new Map();
    let parser;
    try {
      parser = busboy({ headers, defParamCharset: 'utf8', limits: { fieldSize: BODY_LIMIT_BYTES } });
    } catch {
      resolve(null);
      return;
    }
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('error', () => resolve(null));
    parser.on('close', () => resolve(fields));
    parser.end(body);
  });
}

/**
 * 400 when the body a server reads (mustReadBody) is not what its content type says, else null. A server action
 * (Next-Action header) is React's reply encoding: text that is a JSON list of arguments, or a multipart form whose
 * field "0" is that list, with only the marks our forms send; anything else, no content type included, is not one.
 */
export async function bodyProblem({ headers }, body) {
  const type = mediaType(headers['content-type']);
  const text = () => body.toString('utf8');
  if (headers['next-action'] !== undefined) {
    if (type === 'text/plain') return jsonProblem(text(), { isReply: true, mustBeArray: true });
    if (type !== 'multipart/form-data') return 400;
    const fields = await multipartFields(headers, body);
    if (!fields || !fields.has('0')) return 400;
    for (const [name, value] of fields) {
      if (!/^\d+$/.test(name)) continue;
      const problem = jsonProblem(value, { isReply: true, mustBeArray: name === '0' });
      if (problem) return problem;
    }
    return null;
  }
  if (type === 'application/json' || type.endsWith('+json')) return jsonProblem(text());
  return null;
}
