import { createRequire } from 'node:module';
import { Marked } from 'marked';
import type SanitizeHtml from 'sanitize-html';

/**
 * Markdown → HTML that is safe to put in a page. `marked` renders (raw HTML in the source included),
 * then `sanitize-html` keeps an allow-list of tags and attributes: no script or style, no event
 * handlers, and only http(s)/mailto URLs (it decodes entities and ignores case and control characters
 * before judging a scheme, so `JaVaScRiPt:` and `&#106;avascript:` are dropped too).
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

// sanitize-html (with postcss, htmlparser2 and entities' tables, a few MB resident) is required on the
// first render: most API processes render nothing for a long time, and the worker only on a write
const require = createRequire(import.meta.url);
let loaded: { sanitize: typeof SanitizeHtml; options: SanitizeHtml.IOptions } | undefined;
const sanitizer = () => (loaded ??= (() => {
  const sanitize = require('sanitize-html') as typeof SanitizeHtml;
  return { sanitize, options: sanitizeOptions(sanitize) };
})());

const sanitizeOptions = (sanitizeHtml: typeof SanitizeHtml): SanitizeHtml.IOptions => ({
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub',
  ],
  allowedAttributes: {
    // target/rel are set by the transform below, so they must be allowed on the way out
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // links leave the platform without passing on the session's context
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer', target: '_blank' }),
  },
});

export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  const { sanitize, options } = sanitizer();
  return sanitize(html, options).trim();
}

/** Plain text of a Markdown document (for search documents): rendered, then every tag stripped. */
export function markdownToText(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizer().sanitize(html, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'textarea', 'option'] })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
