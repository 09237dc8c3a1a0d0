/**
 * The launcher's styles. `:host { all: initial !important }` resets everything the host page could
 * leak in (inherited fonts, colours, line heights) — inside a shadow root `!important` outranks even
 * the host page's `!important` rules — so the button inherits nothing and sets what it needs.
 * Sizes are in px: a host's root font size must not scale the widget. Every byte here is paid by
 * every page view of every host, so it stays terse.
 */
export const launcherCss =
  ':host{all:initial!important;position:fixed!important;z-index:2147483000!important}' +
  ':host::before,:host::after{content:none!important}' +
  '.launcher{position:fixed;right:20px;bottom:20px;display:flex;align-items:center;gap:8px;height:48px;padding:0 20px 0 16px;border:0;border-radius:24px;' +
  'background:var(--ph-accent,#1f2937);color:var(--ph-on-accent,#fff);font:600 15px/1 system-ui,sans-serif;box-shadow:0 4px 14px #0004;cursor:pointer}' +
  '.launcher:focus-visible{outline:3px solid #2563eb;outline-offset:3px}' +
  '.launcher svg{width:20px;height:20px;fill:currentColor}' +
  '.launcher[hidden]{display:none}' +
  ':host([data-position=left]) .launcher{left:20px;right:auto}';
