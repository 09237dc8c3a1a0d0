/**
 * Article bodies are authored in markdown and rendered once, on write, to HTML that is safe to put
 * in the widget: no scripts, no styles, no event handlers, links to http(s)/mailto only.
 */
import { marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'a',
    'hr',
    'br',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
    h1: 'h2',
  },
};

export function renderArticleHtml(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }), SAFE_HTML);
}

/** Plain text of the first paragraph, cut at a word boundary: the teaser in article lists. */
export function excerptOf(markdown: string, maxLength = 160): string {
  const paragraph = marked.lexer(markdown).find((token): token is Tokens.Paragraph => token.type === 'paragraph');
  const text = paragraph ? plainText(paragraph.tokens).replace(/\s+/g, ' ').trim() : '';
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).replace(/\s+\S*$/, '')}…`;
}

function plainText(tokens: Token[]): string {
  return tokens
    .map((token) => ('tokens' in token && token.tokens ? plainText(token.tokens) : token.type === 'html' ? '' : 'text' in token ? String(token.text) : ''))
    .join('');
}

/** An article's stored forms from its markdown: the source, the safe HTML and the list teaser. */
export const renderArticle = (markdown: string) => ({ markdown, html: renderArticleHtml(markdown), excerpt: excerptOf(markdown) });
