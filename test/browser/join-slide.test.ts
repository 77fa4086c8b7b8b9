// The join slide from the back of the room: the projector at 1920×1080 is photographed as a phone camera
// would see it from 10 m, and the QR code in that picture must decode to the room's join address.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { join as joinPath } from 'node:path';
import { createRoom } from '../helpers/clients.js';
import { browserSuite, goToSlide, PROJECTOR, SHOTS } from '../helpers/browser.js';
import { settled } from './settle.js';

const t = browserSuite({ publicUrl: 'http://192.168.1.20:8080' });
const jsQrPath = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');

/**
 * The camera: a phone's scanning preview is about 1280 px across a 70° field of view. At 10 m it sees
 * 2·10·tan(35°) ≈ 14 m, so a 2.5 m wide projection screen covers about 2.5 / 14 × 1280 ≈ 229 px.
 */
const SCREEN_METRES = 2.5;
const DISTANCE_METRES = 10;
const CAMERA_PX = 1280;
const SCREEN_IN_CAMERA_PX = Math.round((SCREEN_METRES / (2 * DISTANCE_METRES * Math.tan((35 * Math.PI) / 180))) * CAMERA_PX);

describe('the join slide', () => {
  it('has a QR code that scans from 10 m and a code readable from there', async () => {
    const room = await createRoom(t.server.url);
    // With PUBLIC_URL set, both addresses the server hands out use it.
    expect(room.presentUrl).toMatch(/^http:\/\/192\.168\.1\.20:8080\/present\/[^#]+#key=/);
    expect(room.joinUrl).toBe(`http://192.168.1.20:8080/j/${room.joinCode}`);
    // jsQR goes into the page as an inline script, which the page's policy refuses: the test's tool is let past it.
    const page = await t.projector(room, { bypassCSP: true });
    const index = await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')].findIndex((s) => s.querySelector('rs-join-info')),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    // goToSlide returns once the join slide is the present one, so the fade towards it has begun.
    await goToSlide(page, index);
    const info = page.locator('rs-join-info');
    await info.locator('[data-code]').waitFor();
    // The fade is over when the join slide is fully shown and the slide before it fully gone.
    await page.waitForFunction(
      (i) =>
        [...document.querySelectorAll('.reveal .slides > section')].every((s, n) => {
          const style = getComputedStyle(s);
          const hidden = style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0';
          return n === i ? s.classList.contains('present') && style.opacity === '1' && !hidden : hidden;
        }),
      index,
      { polling: 'raf' },
    );
    await settled(page);
    const png = await page.screenshot({ path: joinPath(SHOTS, 'projector-join-slide.png') });

    // The QR code, shrunk to what the camera sees from 10 m, still decodes to this room's join address.
    const decoded = await page.evaluate(
      async ({ data, width }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const height = Math.round((img.height / img.width) * width);
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d')!;
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(img, 0, 0, width, height);
        const pixels = ctx.getImageData(0, 0, width, height);
        const jsQR = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
        return jsQR(pixels.data, width, height)?.data ?? null;
      },
      { data: png.toString('base64'), width: await page.addScriptTag({ path: jsQrPath }).then(() => SCREEN_IN_CAMERA_PX) },
    );
    expect(SCREEN_IN_CAMERA_PX).toBeLessThan(240);
    expect(decoded).toBe(`http://192.168.1.20:8080/j/${room.joinCode}`);

    // The code's digits: at least 8 cm tall on that screen (about 1 cm per metre of distance).
    const box = (await info.locator('[data-code]').boundingBox())!;
    const screenHeightMetres = SCREEN_METRES * (PROJECTOR.height / PROJECTOR.width);
    const glyphMetres = (box.height / 1.1 / PROJECTOR.height) * screenHeightMetres;
    expect(glyphMetres).toBeGreaterThanOrEqual(0.08);
    expect(await info.locator('[data-code]').textContent()).toBe(`${room.joinCode.slice(0, 3)} ${room.joinCode.slice(3)}`);
  });
});
