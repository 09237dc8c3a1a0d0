/**
 * The launcher's styles. `:host` resets everything the host page could leak in (inherited fonts,
 * colours, line heights) with `!important`, which inside a shadow root outranks even the host
 * page's `!important` rules. Sizes are in px: a host's root font size must not scale the widget.
 */
export const launcherCss = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;inset:auto!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;transform:none!important;visibility:visible!important;opacity:1!important}
:host::before,:host::after{content:none!important;display:none!important}
*,*::before,*::after{box-sizing:border-box}
.launcher{position:fixed;right:20px;bottom:20px;display:inline-flex;align-items:center;gap:8px;height:48px;margin:0;padding:0 20px 0 16px;border:0;border-radius:24px;background:var(--ph-accent,#1f2937);color:#fff;font:600 15px/1 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;letter-spacing:normal;text-transform:none;box-shadow:0 4px 14px rgba(0,0,0,.22);cursor:pointer;transition:transform .15s ease}
.launcher:hover{transform:translateY(-1px)}
.launcher:focus-visible{outline:3px solid #2563eb;outline-offset:3px}
.launcher svg{width:20px;height:20px;fill:currentColor;flex:none}
.launcher[hidden]{display:none}
:host([data-position=left]) .launcher{left:20px;right:auto}
@media (prefers-reduced-motion:reduce){.launcher{transition:none}}
`;
