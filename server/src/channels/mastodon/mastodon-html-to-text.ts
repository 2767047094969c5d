/**
 * Mastodon's `status.content` (sanitised HTML) as plain text for the inbox, which renders citizen text
 * as text only. A small tokenizer, not a DOM: nothing is ever parsed into live markup, so nothing can
 * run. Rules: `<p>` and other blocks become paragraphs separated by a blank line, `<br>` a newline,
 * `<li>` a line; links keep their text, URLs whole (Mastodon's `invisible` and `ellipsis` parts
 * only shorten them for display; elsewhere an invisible part is dropped and an ellipsis part is
 * followed by "…"); every other tag is removed; `<script>`/`<style>` lose their
 * content too; entities are decoded once, so `&lt;script&gt;` comes out as the text "<script>".
 */
export function mastodonHtmlToText(html: string): string {
  const out = new TextBuilder();
  const stack: OpenElement[] = [];
  const openCount = new Map<string, number>();
  let hiddenDepth = 0;
  const n = html.length;
  let i = 0;

  const emitText = (raw: string): void => {
    if (hiddenDepth === 0) out.text(decodeEntities(raw.replace(/[\t\n\f\r ]+/g, ' ')));
  };
  const blockBreak = (newlines: 1 | 2): void => {
    if (hiddenDepth === 0) out.blockBreak(newlines);
  };
  const popOne = (): void => {
    const el = stack.pop();
    if (!el) return;
    openCount.set(el.name, (openCount.get(el.name) ?? 1) - 1);
    if (el.hidden) hiddenDepth--;
    if (el.ellipsis && hiddenDepth === 0) out.text('…');
  };
  const open = (tag: Tag): void => {
    if (tag.name === 'br') {
      if (hiddenDepth === 0) out.lineBreak();
      return;
    }
    if (PARAGRAPH_ELEMENTS.has(tag.name)) blockBreak(2);
    else if (tag.name === 'li') blockBreak(1);
    if (VOID_ELEMENTS.has(tag.name) || tag.selfClosing) return;
    const classes = classesOf(tag.attributes);
    // In a link, Mastodon's invisible parts and ellipsis shorten a URL for display: the agent gets it
    // whole (the inbox shows text only, and a cut URL cannot be opened).
    const inLink = (openCount.get('a') ?? 0) > 0;
    const el: OpenElement = {
      name: tag.name,
      hidden: classes.includes('invisible') && !inLink,
      ellipsis: classes.includes('ellipsis') && !inLink,
    };
    stack.push(el);
    openCount.set(el.name, (openCount.get(el.name) ?? 0) + 1);
    if (el.hidden) hiddenDepth++;
  };
  const close = (name: string): void => {
    // The count keeps hostile input (thousands of unmatched end tags) linear.
    if ((openCount.get(name) ?? 0) > 0) {
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        popOne();
        if (top.name === name) break;
      }
    }
    if (name === 'br') {
      if (hiddenDepth === 0) out.lineBreak();
    } else if (PARAGRAPH_ELEMENTS.has(name)) blockBreak(2);
    else if (name === 'li') blockBreak(1);
  };

  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      emitText(html.slice(i));
      break;
    }
    if (lt > i) emitText(html.slice(i, lt));
    i = lt;
    const next = html[i + 1] as string | undefined;
    if (next === '!' || next === '?') {
      // Comments, doctypes, CDATA, processing instructions: dropped whole, to the end if unterminated.
      const end = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i);
      i = end === -1 ? n : end + (html.startsWith('<!--', i) ? 3 : 1);
      continue;
    }
    if (next === '/') {
      if (isAsciiLetter(html[i + 2])) {
        const tag = readTag(html, i + 2);
        if (!tag) break;
        close(tag.name);
        i = tag.end;
      } else {
        // `</>` and `</ 3>` are no tags for a browser either: ignored up to the next `>`.
        const end = html.indexOf('>', i);
        i = end === -1 ? n : end + 1;
      }
      continue;
    }
    if (isAsciiLetter(next)) {
      const tag = readTag(html, i + 1);
      // A tag cut off by the end of the input is dropped, like a browser does.
      if (!tag) break;
      i = tag.end;
      if (RAW_TEXT_ELEMENTS.has(tag.name)) {
        i = skipRawText(html, tag.name, i);
        continue;
      }
      open(tag);
      continue;
    }
    // A stray `<` is text, except where the next characters could complete it into something tag-like
    // once a following tag or entity is removed (`<<b></b>script>`): then it is dropped.
    if (next !== undefined && next !== '<' && next !== '&') emitText('<');
    i += 1;
  }
  while (stack.length > 0) popOne();
  return out.result();
}

interface Tag {
  name: string;
  attributes: string;
  selfClosing: boolean;
  /** Index just after the closing `>`. */
  end: number;
}

interface OpenElement {
  name: string;
  hidden: boolean;
  ellipsis: boolean;
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is never citizen text; skipped without looking for tags inside. */
const RAW_TEXT_ELEMENTS = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
]);
/** Mastodon 4 keeps some formatting from remote servers; without breaks, list items would run together. */
const PARAGRAPH_ELEMENTS = new Set([
  'p',
  'div',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

const isAsciiLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** Reads a tag from its name to its `>`, honouring quoted attribute values (`title="a>b"`); null at EOF. */
function readTag(html: string, start: number): Tag | null {
  const n = html.length;
  let j = start;
  while (j < n && !/[\s/>]/.test(html[j])) j++;
  const name = html.slice(start, j).toLowerCase();
  const attributesStart = j;
  let quote: string | null = null;
  let previous = '';
  for (; j < n; j++) {
    const c = html[j];
    if (quote !== null) {
      if (c === quote) {
        quote = null;
        previous = c;
      }
      continue;
    }
    if (c === '>') break;
    if ((c === '"' || c === "'") && previous === '=') quote = c;
    else if (!/\s/.test(c)) previous = c;
  }
  if (j >= n) return null;
  const attributes = html.slice(attributesStart, j);
  return { name, attributes, selfClosing: attributes.trimEnd().endsWith('/'), end: j + 1 };
}

/** Index after `</name…>`, or the end of the input when the element is never closed. */
function skipRawText(html: string, name: string, from: number): number {
  // `name` comes from RAW_TEXT_ELEMENTS, never from the input: safe inside a RegExp.
  const endTag = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
  endTag.lastIndex = from;
  const match = endTag.exec(html);
  if (!match) return html.length;
  const gt = html.indexOf('>', match.index);
  return gt === -1 ? html.length : gt + 1;
}

function classesOf(attributes: string): string[] {
  const m = /(?:^|[\s/])class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i.exec(attributes);
  const value = m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
  return value.split(/\s+/).filter((c) => c !== '');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the entities Mastodon emits, in one pass so `&amp;lt;` stays the text "&lt;". */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|(amp|lt|gt|quot|apos|nbsp));/g,
    (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
      if (named !== undefined) return NAMED_ENTITIES[named] ?? whole;
      const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
      const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
      return invalid ? '\ufffd' : String.fromCodePoint(code);
    },
  );
}

/** Accumulates text with paragraph and line breaks, owing block breaks until text follows them. */
class TextBuilder {
  private out = '';
  private owedNewlines = 0;

  text(s: string): void {
    if (s === '') return;
    if (this.owedNewlines > 0 && this.out !== '') {
      const trailing = /\n*$/.exec(this.out.replace(/ +$/, ''))?.[0].length ?? 0;
      this.out = this.out.replace(/ +$/, '') + '\n'.repeat(Math.max(0, this.owedNewlines - trailing));
    }
    this.owedNewlines = 0;
    this.out += s;
  }

  lineBreak(): void {
    this.out = this.out.replace(/ +$/, '') + '\n';
  }

  blockBreak(newlines: 1 | 2): void {
    this.owedNewlines = Math.max(this.owedNewlines, newlines);
  }

  result(): string {
    return this.out
      .split('\n')
      .map((line) => line.replace(/^ +| +$/g, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}
