import { escapeHtml } from './escape-html.js';
import { hostileCss } from './hostile-css.js';
import { renderLayout, supportButton, type PageContext } from './layout.js';

/**
 * The aggressive CSS page: the shop's own markup under /hostile.css, with the
 * widget embedded as everywhere else. The shop is meant to look broken here;
 * the widget is meant to look exactly as it does on /billing.
 */
export function stressPage(ctx: PageContext): string {
  return renderLayout(ctx, {
    title: 'Aggressive CSS test page',
    stylesheets: ['/hostile.css'],
    main: `
<h1>Aggressive CSS test page</h1>
<p class="lead">This page loads a second stylesheet, <code>/hostile.css</code>, that is written to break things: global <code>!important</code> rules, a 62.5% root font size, resets on every button, forced pseudo-element content and visible <code>[hidden]</code> elements. The shop around this text is supposed to look wrecked.</p>
<p>It exists to prove Porthole's isolation. The launcher and the support panel on this page must look and behave exactly as they do on <a href="/billing">Billing</a>.</p>
<section class="card">
<h2>What to check in the widget</h2>
<ul class="specs">
<li>Normal system font, mixed case, dark text, normal line height and letter spacing</li>
<li>Same launcher size and position; text sizes unaffected by the root font size</li>
<li>Buttons keep their own look; no lime fill or dashed red borders</li>
<li>Text fields fill their row; no stray "X" before or after anything</li>
<li>Parts of the panel that should be hidden stay hidden</li>
</ul>
<p class="actions">${supportButton('Open the widget')}</p>
</section>
<section class="card">
<h2>Host content under attack</h2>
<form class="form-grid" aria-label="Sample form">
<label>Name<input name="name" value="Avery"></label>
<label>Topic<select name="topic"><option>Billing</option><option>Shipping</option></select></label>
<label class="span-2">Message<textarea name="message" rows="2">Hello</textarea></label>
</form>
<p hidden>This paragraph has the hidden attribute; the hostile stylesheet forces it to show.</p>
<svg viewBox="0 0 24 24" aria-label="A small icon the hostile rules blow up" role="img"><circle cx="12" cy="12" r="10" fill="#2f6b4f"/></svg>
</section>
<section>
<h2>The hostile stylesheet</h2>
<pre class="code"><code>${escapeHtml(hostileCss)}</code></pre>
</section>`,
  });
}
