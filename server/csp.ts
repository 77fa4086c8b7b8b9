// The content security policy of the pages: only this server's own scripts, and the one inline script the
// speaker view is made of, allowed by its hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';

/**
 * reveal.js's speaker view is a window that its notes plugin writes with document.write, and such a window
 * inherits the presenter page's policy. Its one inline script is fixed text in the plugin, so it is allowed
 * by the hash of that text — computed from the installed plugin, so an update of reveal.js cannot leave the
 * speaker view blank. Undefined when the plugin's shape is not the expected one (then the view is blocked,
 * which the speaker-view browser test notices).
 */
export function speakerViewScriptHash(pluginFile = createRequire(import.meta.url).resolve('reveal.js/plugin/notes')): string | undefined {
  const source = readFileSync(pluginFile, 'utf8');
  const call = source.indexOf('document.write(');
  if (call < 0) return undefined;
  const start = call + 'document.write('.length;
  const quote = source[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  let end = start + 1;
  while (end < source.length && source[end] !== quote) end += source[end] === '\\' ? 2 : 1;
  const literal = source.slice(start, end + 1);
  // Only a plain string literal is evaluated (no template holes), in an empty context.
  if (quote === '`' && literal.includes('${')) return undefined;
  const html = runInNewContext(literal, Object.create(null), { timeout: 100 }) as unknown;
  if (typeof html !== 'string') return undefined;
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  return script === undefined ? undefined : `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

let speakerHash: string | undefined | null = null;

/**
 * What a page may load and run: only this server's own scripts (no inline script, so text that slipped
 * past an escape cannot run), connections to this server alone, no plugins, and framing by this server only
 * (the speaker view shows the deck in frames of its own). Styles may be inline: Lit and reveal.js set them.
 */
export function contentSecurityPolicy(): string {
  if (speakerHash === null) {
    try {
      speakerHash = speakerViewScriptHash();
    } catch {
      speakerHash = undefined;
    }
  }
  return [
    "default-src 'self'",
    `script-src 'self'${speakerHash ? ` ${speakerHash}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}
