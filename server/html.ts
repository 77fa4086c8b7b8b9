// Escaping text for HTML and SVG that the server writes: the participant page, the voting-card sheet, every export.
// Characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates): one in an SVG
// makes the whole picture fail to parse, so they are left out rather than escaped.
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The one escape for text and quoted attribute values in every page and export the server writes: markup signs as entities. */
export function escapeHtml(text: string): string {
  // String(): a value that is not a string at run time (from the shared document) is still written as text.
  return String(text)
    .replace(NOT_XML, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
