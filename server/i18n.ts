// The server's side of the one translation mechanism: the pages it renders say their texts through msg()
// from @lit/localize, with the catalogue the browser uses (xliff/en.xlf → texts/locales/en.ts).
import type { IncomingMessage } from 'node:http';
import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import { templates as english } from '../texts/locales/en.js';

export type PageLocale = 'da' | 'en';

/** The cookie the phone sets when its reader chooses a language (components/i18n.ts). */
export const LOCALE_COOKIE = 'rs_lang';

let current: typeof english | undefined;
// The server renders one page at a time, synchronously, so one module-wide choice is enough.
// The same call configureLocalization makes in the browser, with the templates chosen per page.
_installMsgImplementation(((template: Parameters<typeof runtimeMsg>[1], options: Parameters<typeof runtimeMsg>[2]) =>
  runtimeMsg(current, template, options)) as Parameters<typeof _installMsgImplementation>[0]);

/** Render in a language: msg() calls made by `render` answer in it. */
export function inLocale<T>(locale: PageLocale, render: () => T): T {
  const before = current;
  current = locale === 'en' ? english : undefined;
  try {
    return render();
  } finally {
    current = before;
  }
}

/** The language the phone's reader chose, by its cookie; Danish otherwise, as the app starts. */
export function pageLocale(req: IncomingMessage): PageLocale {
  const m = /(?:^|;\s*)rs_lang=(da|en)(?:;|$)/.exec(req.headers.cookie ?? '');
  return m?.[1] === 'en' ? 'en' : 'da';
}
