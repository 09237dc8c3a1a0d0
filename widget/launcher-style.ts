/**
 * The launcher's styles. `:host { all: initial !important }` resets everything the host page could
 * leak in (inherited fonts, colours, line heights) — inside a shadow root `!important` outranks even
 * the host page's `!important` rules — so the button inherits nothing and sets what it needs.
 * Sizes are in px: a host's root font size must not scale the widget. Every byte here is paid by
 * every page view of every host, so it stays terse. Text on the site colour is
 * white or black, whichever reads better (OKLCH lightness 0.564 is where the two contrasts cross), in browsers with
 * relative colours; the panel's own stylesheet then sets the exact WCAG choice.
 */
export const launcherCss =
  ':host{all:initial!important;position:fixed!important;z-index:2147483000!important}' +
  ':host::before,:host::after{content:none!important}' +
  '.launcher{position:fixed;right:20px;bottom:20px;display:flex;align-items:center;gap:10px;height:48px;padding-inline:16px 20px;border:0;border-radius:24px;' +
  'background:var(--ph-accent,#1f2937);color:#fff;font:600 15px/1 system-ui;box-shadow:0 4px 14px #0004;cursor:pointer}' +
  '@supports (color:oklch(from red l c h)){.launcher{color:var(--ph-on-accent,oklch(from var(--ph-accent,#1f2937) clamp(0,(.564 - l)*1e3,1) 0 0))}}' +
  '.launcher:focus-visible{outline:3px solid #2563eb;outline-offset:3px}' +
  // A speech bubble with its tail at the bottom start.
  '.launcher:before{content:"";width:16px;height:16px;background:currentColor;clip-path:polygon(0 0,100% 0,100% 75%,38% 75%,0 100%)}' +
  '.launcher[hidden]{display:none}' +
  ':host([data-position=left]) .launcher{left:20px;right:auto}';
