import type { Child } from "hono/jsx";

/**
 * The `<head>` of every server-rendered page: the app's own stylesheet, script and icon (the
 * CSP allows nothing inline), a phone-width viewport and a same-origin referrer.
 */
export function PageHead(props: { title: string; assets: { css: string; js: string; icon: string } }): Child {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="same-origin" />
      <title>{props.title}</title>
      <link rel="icon" href={props.assets.icon} type="image/svg+xml" />
      <link rel="stylesheet" href={props.assets.css} />
      <script src={props.assets.js} defer />
    </head>
  );
}
