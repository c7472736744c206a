/**
 * The canonical layout of a service file, made with the `yaml` library's
 * Document API, which keeps comments: the schema line first, then the
 * file's header comments, then the fields in the documented order (`FIELDS`,
 * the schema's), each with the comment lines directly above it and the one
 * after it on its line; the author's quoting, flow collections, anchors and
 * tags as written; two spaces of indentation, no line wrapped, no trailing
 * blank, LF line ends and a final line break.
 */
import { Document, isAlias, isMap, isNode, isScalar, type Pair, parseDocument, Scalar, visit } from 'yaml';
import { FIELDS } from '../model/service-schema.js';
import { YAML_OPTIONS } from '../reading/yaml-compose.js';

/** The comment that makes editors check a file against its schema, as `new` writes it (without `#`). */
export const SCHEMA_COMMENT = /^\s*yaml-language-server:\s*\$schema=/;

/**
 * `text` (a service file that YAML reads as one mapping) laid out; `schemaLine`
 * (`# yaml-language-server: $schema=...`) is put first when the file has no
 * such line. A text YAML cannot read, or that is no mapping, is given back as
 * it is; null when the fields cannot move without an alias coming before its
 * anchor (`description: *x` above `add_data: {k: &x ...}`), which YAML refuses.
 */
export function layOut(text: string, schemaLine: string): string | null {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return text;
  const map = doc.contents;
  const pairs = map.items as Pair[];
  const first = pairs[0];
  // The comments above the first field: the file's header, then (after its last blank line) the field's own.
  // yaml keeps a block followed by a blank line as the document's comment, one right above the first key as the
  // key's (a blank line inside it as an empty line), and one after `---` as the mapping's.
  const lines = [
    ...(doc.commentBefore == null ? [] : [...doc.commentBefore.split('\n'), '']),
    ...[map.commentBefore, first?.key && commentBefore(first.key)].flatMap((c) =>
      typeof c === 'string' ? c.split('\n') : [],
    ),
  ];
  const blank = lines.lastIndexOf('');
  const header = blank < 0 ? [] : lines.slice(0, blank);
  const own = blank < 0 ? lines : lines.slice(blank + 1);
  map.commentBefore = undefined;
  if (first !== undefined && isScalar(first.key)) first.key.commentBefore = joined(own);
  const schema = takeSchemaComment(doc, header) ?? ` ${schemaLine.replace(/^#\s?/, '')}`;
  pairs.sort((a, b) => rank(a) - rank(b));
  const top = pairs[0]?.key;
  if (isScalar(top)) {
    // Blank lines at the top are the header's: with one, the header stands apart; without, the schema line
    // heads the comments of the first field, as in a file that had none.
    top.spaceBefore = false;
    if (blank < 0) top.commentBefore = [schema, ...(top.commentBefore?.split('\n') ?? [])].join('\n');
  }
  doc.commentBefore = blank < 0 && isScalar(top) ? null : [schema, ...header].join('\n');
  if (!anchorsBeforeAliases(doc)) return null;
  trimComments(doc);
  return escapeUnprintable(doc.toString(WRITE_OPTIONS));
}

/** How the canonical text is written: two spaces of indentation, no line wrapped, `{a: 1}` without padding. */
const WRITE_OPTIONS = { lineWidth: 0, minContentWidth: 0, indent: 2, flowCollectionPadding: false } as const;

/**
 * A string value as the canonical layout writes it when it is the value of a
 * top-level field: plain when YAML 1.2 reads that text back as the very same
 * string and it holds no character YAML must escape, else double-quoted with
 * the escapes `fmt` writes. `new` writes its values with it, so that its files
 * are in the canonical form already.
 */
export function canonicalString(value: string): string {
  const doc = new Document({}, YAML_OPTIONS);
  const scalar = new Scalar(value);
  scalar.type = plainIsSafe(value) ? Scalar.PLAIN : Scalar.QUOTE_DOUBLE;
  doc.contents = doc.createNode({});
  (doc.contents as { items: Pair[] }).items.push(doc.createPair('v', scalar));
  return escapeUnprintable(doc.toString(WRITE_OPTIONS)).slice('v: '.length, -1);
}

/** Line breaks YAML 1.1 reads as such (NEL, LS, PS), the byte-order mark, and what YAML escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters a plain value must not hold are the point
const NOT_PLAIN = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

function plainIsSafe(value: string): boolean {
  if (value === '' || /^\s|\s$|[#:]/.test(value) || NOT_PLAIN.test(value)) return false;
  const doc = parseDocument(`v: ${value}\n`, YAML_OPTIONS);
  const read: unknown = isMap(doc.contents) ? doc.contents.get('v', true) : undefined;
  return doc.errors.length === 0 && isScalar(read) && read.value === value && read.type === Scalar.PLAIN;
}

/**
 * Characters YAML does not allow in a file as they are (YAML 1.2, 5.1,
 * c-printable: C0 controls but tab and line breaks, DEL, C1 controls but NEL,
 * U+FFFE, U+FFFF), which the yaml library writes unescaped in double-quoted
 * text (DEL, C1, U+FFFE). A file can hold them only as escapes in double quotes,
 * so that is where they are in the output: each is written as its escape again.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters YAML refuses as they are are the point
const UNPRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/g;

function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** No comment line ends in blanks (yaml keeps a comment's text as written, up to the line's end). */
function trimComments(doc: Document): void {
  const trim = (c: string | null | undefined) => (typeof c === 'string' ? c.replace(/[ \t]+$/gm, '') : c);
  doc.commentBefore = trim(doc.commentBefore) ?? null;
  doc.comment = trim(doc.comment) ?? null;
  visit(doc, (_, node) => {
    if (isNode(node)) {
      node.commentBefore = trim(node.commentBefore);
      node.comment = trim(node.comment);
    }
  });
}

/** Whether every alias of the document comes after its anchor, in document order (YAML 1.2, 3.2.2.2). */
function anchorsBeforeAliases(doc: Document): boolean {
  const anchors = new Set<string>();
  let ok = true;
  visit(doc, (_, node) => {
    if (isAlias(node)) ok &&= anchors.has(node.source);
    else if (typeof (node as { anchor?: unknown }).anchor === 'string')
      anchors.add((node as { anchor: string }).anchor);
  });
  return ok;
}

/** Where a field goes: its place in `FIELDS`; any other key (none in a valid file) after them, in its order. */
function rank(pair: Pair): number {
  const name = isScalar(pair.key) ? String(pair.key.value) : '';
  const at = FIELDS.indexOf(name as (typeof FIELDS)[number]);
  return at < 0 ? FIELDS.length : at;
}

const commentBefore = (node: unknown): string | undefined =>
  isScalar(node) && typeof node.commentBefore === 'string' ? node.commentBefore : undefined;

const joined = (lines: readonly string[]): string | undefined => (lines.length === 0 ? undefined : lines.join('\n'));

/**
 * The schema line's comment, taken out of wherever it is: the header lines
 * (`header`, changed in place), the comments above or after any field, or the
 * comment at the file's end. Null when the file has none.
 */
function takeSchemaComment(doc: Document, header: string[]): string | null {
  const inHeader = header.findIndex((line) => SCHEMA_COMMENT.test(line));
  if (inHeader >= 0) {
    const [line] = header.splice(inHeader, 1);
    if (header[inHeader - 1] === '' && (header[inHeader] === '' || inHeader === header.length)) {
      header.splice(inHeader - 1, 1);
    }
    return line as string;
  }
  const holders: { get: () => string | null | undefined; set: (c: string | undefined) => void }[] = [
    { get: () => doc.comment, set: (c) => (doc.comment = c ?? null) },
  ];
  for (const pair of (doc.contents as { items: Pair[] }).items) {
    const key = pair.key;
    const value = pair.value;
    if (isScalar(key)) holders.push({ get: () => key.commentBefore, set: (c) => (key.commentBefore = c) });
    if (isScalar(value)) holders.push({ get: () => value.comment, set: (c) => (value.comment = c) });
  }
  for (const holder of holders) {
    const lines = (holder.get() ?? '').split('\n');
    const at = lines.findIndex((line) => SCHEMA_COMMENT.test(line));
    if (at < 0) continue;
    const [line] = lines.splice(at, 1);
    holder.set(joined(lines.filter((l, i) => l !== '' || (i > 0 && i < lines.length - 1))));
    return line as string;
  }
  return null;
}
