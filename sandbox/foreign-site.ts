// A site that is not Zoho's, framing a CRM page the way a clickjacking page would: `/?src=<url>`
// shows the https page at <url> in a frame filling the window.
import { Hono } from 'hono';
import { html } from './html';
import type { StandInEnv } from './request-scope';

export function createForeignSiteApp(): Hono<StandInEnv> {
  const app = new Hono<StandInEnv>({ strict: false });
  app.get('/', (c) => {
    const src = c.req.query('src') ?? '';
    if (!src.startsWith('https://')) return c.text('give ?src=https://…', 400);
    const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal</title>
<style>body{margin:0}iframe{border:0;width:100vw;height:100vh;display:block}</style></head>
<body><iframe id="framed" title="Framed page" src="${src}"></iframe></body></html>`;
    return c.html(page.value);
  });
  return app;
}
