/**
 * /hostile.css, loaded only by /stress. Each rule is something real host
 * sites do (or that leaks into shadow roots through inheritance, `rem` or
 * `!important` on the host element); if any of it reaches the widget,
 * its isolation has a hole.
 */
export const hostileCss = `/* Deliberately hostile: proves Porthole's isolation. Do not copy. */
html { font-size: 62.5% }
* { box-sizing: content-box !important; font-family: "Comic Sans MS", cursive !important; line-height: 3 !important; color: #c00 !important; letter-spacing: 2px !important; text-transform: uppercase !important }
button { all: unset; background: lime !important; border: 5px dashed red !important; }
div, section { padding: 30px !important; margin: 20px !important }
svg { width: 300px !important; height: 300px !important }
*::before, *::after { content: "X" !important }
body { transform: none; overflow-x: hidden }
[hidden] { display: block !important }
input, select, textarea { width: 50px !important; font-size: 30px !important }
`;
