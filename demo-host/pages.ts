import { escapeHtml } from './escape-html.js';
import { heroArt, tentArt } from './illustrations.js';
import { renderLayout, supportButton, type PageContext } from './layout.js';
import { stressPage } from './stress-page.js';

export type { PageContext } from './layout.js';

/** A page template: request context in, full HTML document out. */
export type Page = (ctx: PageContext) => string;

export const homePage: Page = (ctx) =>
  renderLayout(ctx, {
    title: 'Outdoor gear',
    main: `
<section class="hero">
<div class="hero-copy">
<p class="eyebrow">Autumn collection</p>
<h1>Gear for the long way round</h1>
<p class="lead">Tents, packs and layers tested on the Pacific Crest Trail, shipped free over $75 and backed by a 60-day return window.</p>
<p class="actions"><a class="button" href="/products/tents">Shop tents</a><a class="button button--ghost" href="/shipping">Track an order</a></p>
</div>
${heroArt}
</section>
<section class="cards cards--three" aria-label="Why Northwind">
<article class="card"><h2>Free shipping over $75</h2><p>Orders placed before 2 pm Pacific leave our Portland warehouse the same day.</p></article>
<article class="card"><h2>60-day returns</h2><p>Changed your mind? Send unused gear back within 60 days for a full refund.</p></article>
<article class="card"><h2>Northwind Plus</h2><p>Free 2-day shipping, 10% off rentals and free return labels for $89 a year.</p></article>
</section>
<section class="callout">
<div><h2>Questions before your trip?</h2><p>Our gear specialists answer within one business day. Use the help button in the corner of any page.</p></div>
${supportButton('Ask a specialist')}
</section>`,
  });

const tents = [
  { name: 'Ridgeline 2 UL', tone: 'sage', price: '$389', specs: ['2 people', '1.1 kg trail weight', '3-season'], note: 'Best seller' },
  { name: 'Basecamp 4 Dome', tone: 'ember', price: '$529', specs: ['4 people', '5.8 kg', 'Two doors, two vestibules'], note: 'Family favourite' },
  { name: 'Tundra 3 Expedition', tone: 'glacier', price: '$749', specs: ['3 people', '3.9 kg', '4-season, snow skirts'], note: 'Only 4 left' },
] as const;

export const tentsPage: Page = (ctx) =>
  renderLayout(ctx, {
    title: 'Tents',
    main: `
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> / <span>Tents</span></nav>
<h1>Tents</h1>
<p class="lead">Three shelters, from fast-and-light to winter-proof. Every tent ships with a footprint and a lifetime pole warranty.</p>
<section class="cards cards--three products">
${tents
  .map(
    (tent) => `<article class="card product">
${tentArt(tent.tone, tent.name)}
<p class="badge">${tent.note}</p>
<h2>${tent.name}</h2>
<ul class="specs">${tent.specs.map((spec) => `<li>${spec}</li>`).join('')}</ul>
<p class="price-row"><span class="price">${tent.price}</span><button type="button" class="button">Add to cart</button></p>
</article>`,
  )
  .join('\n')}
</section>`,
  });

const invoices = [
  { id: 'NW-INV-2026-0311', date: '14 Mar 2026', item: 'Northwind Plus, annual renewal', amount: '$89.00', paid: true },
  { id: 'NW-INV-2026-0587', date: '2 Jun 2026', item: 'Order NW-48102: Ridgeline 2 UL', amount: '$389.00', paid: true },
  { id: 'NW-INV-2026-0914', date: '21 Sep 2026', item: 'Order NW-48213: Trail Pack 45 L, merino base layer', amount: '$214.50', paid: true },
  { id: 'NW-INV-2026-1102', date: '2 Nov 2026', item: 'Rental: Basecamp 4 Dome, one weekend', amount: '$42.00', paid: false },
] as const;

export const billingPage: Page = (ctx) =>
  renderLayout(ctx, {
    title: 'Billing',
    main: `
<h1>Billing</h1>
<section class="card plan">
<div>
<p class="eyebrow">Your plan</p>
<h2>Northwind Plus</h2>
<p>$89 a year, renews on 14 March 2027. Free 2-day shipping, 10% off rentals, free return labels.</p>
</div>
<dl class="facts">
<div><dt>Payment method</dt><dd>Visa ending 4242, expires 08/27</dd></div>
<div><dt>Billing email</dt><dd>${escapeHtml(ctx.member?.email ?? 'avery.lindqvist@example.com')}</dd></div>
</dl>
</section>
<section>
<h2>Invoices</h2>
<div class="table-wrap">
<table class="table">
<thead><tr><th scope="col">Invoice</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
<tbody>
${invoices
  .map(
    (inv) =>
      `<tr><td class="mono">${inv.id}</td><td>${inv.date}</td><td>${inv.item}</td><td class="num">${inv.amount}</td>` +
      `<td><span class="status ${inv.paid ? 'status--paid' : 'status--due'}">${inv.paid ? 'Paid' : 'Due 30 Nov'}</span></td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</div>
</section>
<section class="callout">
<div><h2>Question about a charge?</h2><p>Tell us the invoice number and our billing team will look into it.</p></div>
${supportButton('Ask billing support', 'Question about invoice NW-INV-2026-1102')}
</section>`,
  });

const trackingSteps = [
  { label: 'Order placed', detail: '18 Nov, 09:14', state: 'done' },
  { label: 'Packed at our Portland warehouse', detail: '18 Nov, 16:40', state: 'done' },
  { label: 'Handed to Cascade Parcel', detail: '19 Nov, 08:05', state: 'done' },
  { label: 'In transit: Sacramento, CA hub', detail: '20 Nov, 22:31', state: 'current' },
  { label: 'Out for delivery', detail: 'Expected 24 Nov', state: 'upcoming' },
  { label: 'Delivered', detail: '', state: 'upcoming' },
] as const;

export const shippingPage: Page = (ctx) =>
  renderLayout(ctx, {
    title: 'Shipping',
    main: `
<h1>Shipping</h1>
<section class="card">
<div class="order-head">
<div><p class="eyebrow">Order NW-48391</p><h2>Arriving Tuesday, 24 November</h2></div>
<p class="mono">Cascade Parcel · CP 8V4 29F 0311 4822</p>
</div>
<ol class="timeline">
${trackingSteps
  .map((step) => {
    const current = step.state === 'current' ? ' aria-current="step"' : '';
    const detail = step.detail ? `<span class="timeline-detail">${step.detail}</span>` : '';
    return `<li class="timeline-step timeline-step--${step.state}"${current}><span class="timeline-label">${step.label}</span>${detail}</li>`;
  })
  .join('\n')}
</ol>
</section>
<section>
<h2>Rates</h2>
<dl class="facts facts--grid">
<div><dt>Standard, 3–5 business days</dt><dd>$6.95, free over $75</dd></div>
<div><dt>Express, 2 business days</dt><dd>$14.00</dd></div>
<div><dt>Northwind Plus members</dt><dd>Free 2-day on every order</dd></div>
</dl>
</section>
<section class="callout">
<div><h2>Parcel late or damaged?</h2><p>Send us the order number and a photo if anything arrived broken.</p></div>
${supportButton('Report a delivery problem', 'Order NW-48391 has not arrived')}
</section>`,
  });

export const returnsPage: Page = (ctx) =>
  renderLayout(ctx, {
    title: 'Returns',
    main: `
<h1>Returns</h1>
<p class="lead">Unused gear can come back within 60 days for a full refund. Gear that fails on the trail is covered for a year.</p>
<section class="cards cards--two">
<article class="card">
<h2>How to return</h2>
<ol class="steps">
<li>Pick the order under <a href="/account">Account</a> and choose the items.</li>
<li>Print the label: free for Northwind Plus, $6.95 otherwise.</li>
<li>Drop the parcel at any Cascade Parcel point.</li>
<li>Your refund lands within 5 business days of our receiving it.</li>
</ol>
</article>
<article class="card">
<h2>What we can't take back</h2>
<ul class="specs">
<li>Opened food and fuel canisters</li>
<li>Rope and webbing cut to length</li>
<li>Gift cards</li>
</ul>
<p>Worn gear with a defect? That is a warranty claim, not a return. Ask us and we will sort it out.</p>
</article>
</section>
<section class="callout">
<div><h2>Need a hand with a return?</h2><p>We can send a label by email or arrange a pickup.</p></div>
${supportButton('Start a return', 'I would like to return an item')}
</section>`,
  });

export const accountPage: Page = (ctx) => {
  const { member } = ctx;
  if (!member) {
    return renderLayout(ctx, {
      title: 'Account',
      main: `
<h1>Your account</h1>
<section class="card empty">
<h2>You are not signed in</h2>
<p>This demo shop has four members. Pick one in the strip at the top of the page and sign in: the help panel then shows that member's requests, the ones they are copied on and, for members of an organization, their colleagues' requests too.</p>
<p class="actions">${supportButton('Contact support as a guest')}</p>
</section>`,
    });
  }
  return renderLayout(ctx, {
    title: 'Account',
    main: `
<h1>Your account</h1>
<p class="lead">Signed in as ${escapeHtml(member.name)}${member.org ? ` · ${escapeHtml(member.org.name)}` : ''} · Northwind Plus member since 2021</p>
<form class="card form" aria-describedby="demo-note">
<h2>Profile</h2>
<div class="form-grid">
<label>Full name<input name="name" autocomplete="name" value="${escapeHtml(member.name)}"></label>
<label>Email<input name="email" type="email" autocomplete="email" value="${escapeHtml(member.email)}"></label>
<label>Phone<input name="phone" type="tel" autocomplete="tel" value="+1 503 555 0147"></label>
<label>Preferred units<select name="units"><option selected>Metric (kg, cm)</option><option>Imperial (lb, in)</option></select></label>
<label class="span-2">Street address<input name="street" autocomplete="street-address" value="2210 NE Alberta St, Apt 4"></label>
<label>City<input name="city" autocomplete="address-level2" value="Portland"></label>
<label>ZIP code<input name="zip" autocomplete="postal-code" value="97211"></label>
</div>
<label class="check"><input type="checkbox" name="newsletter" checked> Send me trail reports and early access to sales</label>
<p class="form-actions"><button type="submit" class="button" disabled>Save changes</button><span id="demo-note" class="muted">Profile editing is switched off in this demo shop.</span></p>
</form>`,
  });
};

export const notFoundPage: Page = (ctx) =>
  renderLayout(ctx, {
    title: 'Page not found',
    main: `
<section class="empty">
<p class="eyebrow">404</p>
<h1>We couldn't find that trail</h1>
<p>Nothing lives at <code>${escapeHtml(ctx.path)}</code>. It may have moved, or the link was mistyped.</p>
<p class="actions"><a class="button" href="/">Back to the shop</a>${supportButton('Ask us instead')}</p>
</section>`,
  });

/** Every page the host serves, by exact path; anything else gets notFoundPage. */
export const pagesByPath: ReadonlyMap<string, Page> = new Map([
  ['/', homePage],
  ['/products/tents', tentsPage],
  ['/billing', billingPage],
  ['/shipping', shippingPage],
  ['/returns', returnsPage],
  ['/account', accountPage],
  ['/stress', stressPage],
]);
