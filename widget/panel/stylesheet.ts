/**
 * CSS adopted into the widget's shadow root as a constructed stylesheet (no <style>, no style
 * attributes: strict CSP allows it). The panel adopts its own when it mounts; each chunk loaded on
 * demand brings the CSS of its views and adopts it when first used, so the first load carries only
 * what the home view needs.
 */
export function stylesheet(css: string): (root: ShadowRoot) => void {
  let sheet: CSSStyleSheet | undefined;
  return (root) => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    // Once per root: adopting is idempotent, so callers need not track whether they have.
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  };
}
