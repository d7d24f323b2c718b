/**
 * Engines mark matches with two private-use characters (never in indexed text: documents are stripped
 * of them); the text is then HTML-escaped and the markers become <mark>, so a title containing
 * "<script>" comes back as text, never as markup.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

export const stripMarkers = (s: string) => s.replace(MARKERS, '');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function renderHighlight(marked: string): string {
  const escaped = marked.replace(/[&<>"']/g, (c) => ESCAPES[c]);
  // balance the markers: an unclosed <mark> would swallow the rest of a page
  let open = false;
  let out = '';
  for (const ch of escaped) {
    if (ch === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (ch === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else out += ch;
  }
  return open ? `${out}</mark>` : out;
}

export const hasMark = (s: string) => s.includes(MARK_START);
