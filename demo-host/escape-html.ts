const replacements: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Makes a value safe to place in HTML text or in a quoted attribute.
 * Every value the templates did not write themselves (URLs, slugs, request
 * paths) goes through here, so a hostile 404 path cannot become markup.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => replacements[char] ?? char);
}
