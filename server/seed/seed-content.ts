// Seed content for the demo help centre ("Northwind Outfitters") and the
// smaller starter site ("Pebble Notes"). Pure data: no imports but types.

import type { Locale } from '../../widget/i18n/locales.js';

/** A seeded site's looks and language: the seed creates it so, and the demo host's snippet says the same. */
export interface SeedSiteLooks {
  slug: string;
  name: string;
  color: string;
  locale: Locale;
}

export interface SeedArticle {
  /** Shared by an article's translations. */
  slug: string;
  /** The article's language; the site's own when left out. */
  locale?: Locale;
  title: string;
  markdown: string;
  pagePaths: string[];
  popularity: number;
}

export interface SeedCategoryField {
  key: string;
  label: string;
  type: 'text' | 'select';
  required: boolean;
  options?: string[];
  maxLength?: number;
}

export interface SeedCategory {
  name: string;
  fields: SeedCategoryField[];
}

// ---------------------------------------------------------------------------
// Northwind Outfitters (demo site)
// ---------------------------------------------------------------------------

export const demoSite: SeedSiteLooks = { slug: 'demo', name: 'Northwind Outfitters', color: '#0f766e', locale: 'en' };

export const demoArticles: SeedArticle[] = [
  {
    slug: 'download-invoices',
    title: 'Download invoices and VAT receipts for your orders',
    markdown: `Every order placed with Northwind Outfitters gets an invoice as soon as the payment is captured, which normally happens when your parcel ships. You can download it at any time from your account.

## Download an invoice

1. Sign in and open **Account → Order history**.
2. Select the order you need.
3. Click **Download invoice (PDF)**. The file is named after your invoice number, for example \`INV-2024-018342.pdf\`.

If an order shipped in several parcels, you'll see one invoice per shipment.

## Add a company name or VAT number

Invoices can show your business details, but they must be added **before** the order ships:

- Go to **Account → Billing details** and fill in your company name and VAT ID.
- The details are applied to all future invoices.
- For an invoice that has already been issued, contact us within **30 days** and we'll reissue it once with the corrected details.

## Northwind Plus invoices

Membership charges get their own invoice for each billing period. Find them under **Account → Northwind Plus → Billing history**.

## Can't find an invoice?

Orders placed as a guest don't appear in your account. Use the link in your order confirmation email, or [request a copy](https://example.com/help/invoice-request) and include your order number and the email address you used at checkout.`,
    pagePaths: ['/billing'],
    popularity: 60,
  },
  {
    slug: 'update-payment-card',
    title: 'Update or replace the payment card on your account',
    markdown: `If your card has expired, been replaced by your bank, or you simply want to pay with a different one, you can update it yourself in under a minute.

## Change your saved card

1. Sign in and go to **Account → Payment methods**.
2. Click **Add a card** and enter the new card details. We may run a $0 verification check, which can show up briefly in your banking app.
3. Select **Make default** next to the new card.
4. Remove the old card with **Delete** if you no longer need it.

Your default card is used for new orders and for **Northwind Plus** renewals. Orders that have already been placed are not moved to the new card.

## Accepted payment methods

- Visa, Mastercard and American Express
- PayPal and Apple Pay (chosen at checkout; they can't be saved as your default)
- Northwind gift cards, on their own or combined with any of the above

## If a payment fails

We retry a failed membership payment after **3 days** and again after **7 days**, and email you each time. Updating your card before the final retry keeps your membership active without interruption.

For orders, a failed payment shows the status \`payment_failed\` in your order history. The order is held for **48 hours** so you can pay again from the order page before the items are released.

Card details are stored by our payment provider, never on Northwind servers. See our [payment security page](https://example.com/help/payment-security) for details.`,
    pagePaths: ['/billing'],
    popularity: 65,
  },
  {
    slug: 'refund-processing-times',
    title: 'When will I get my refund? Refund processing times',
    markdown: `Once your return arrives at our warehouse, the refund goes through two stages: our processing, then your bank's.

## How long each step takes

1. **Return received and inspected:** within **2 business days** of delivery to our warehouse. You'll get an email titled "We've received your return".
2. **Refund issued:** the same day the inspection is complete. Your order status changes to \`refunded\`.
3. **Money back in your account:** depends on how you paid (see below).

## Timing by payment method

- **Credit or debit card:** 3–10 business days
- **PayPal:** usually within 24 hours
- **Apple Pay:** 3–10 business days, the same as the card behind it
- **Gift card:** instantly, back to the same gift card balance

## What is refunded

- The full price of every returned item.
- Original shipping costs, but only if the whole order is returned or the item was faulty.
- Return shipping is free with our prepaid label. If you used your own carrier, that cost isn't refunded.

## Still waiting?

If it's been more than **10 business days** since our refund email, ask your bank to look for a credit using the reference shown in that email. Banks can trace a payment with it even when it hasn't appeared on your statement yet.

If your bank can't find it, [contact us](https://example.com/help/contact) with your order number and we'll send you a refund confirmation from our payment provider that you can pass on to them.`,
    pagePaths: ['/billing'],
    popularity: 85,
  },
  {
    slug: 'northwind-plus-billing',
    title: 'Northwind Plus membership: billing, renewals and cancellation',
    markdown: `**Northwind Plus** gives you free express shipping, early access to sales and an extra 10% off footwear. It's billed monthly at **$5.99** or yearly at **$49**, which saves you about 30%.

## When you're charged

- Your first payment is taken the day you join, unless you started with a **30-day free trial**. In that case the first charge is on day 31.
- After that, you're charged on the same date each month or year.
- Yearly members get a reminder email **7 days** before each renewal.
- The charge appears on your statement as \`NORTHWIND*PLUS\`.

## Switch between monthly and yearly

Go to **Account → Northwind Plus → Change plan**. The switch takes effect on your next renewal date, so you're never charged twice for the same period.

## Cancel your membership

1. Open **Account → Northwind Plus**.
2. Click **Cancel membership** and confirm.
3. You keep your benefits until the end of the period you've already paid for.

Cancelling during a free trial means you won't be charged at all.

## Money back on a renewal

Yearly memberships can be refunded in full within **14 days** of a renewal, as long as you haven't used any Plus benefits since the renewal date. Monthly charges can't be refunded, but you can cancel at any time. Request a renewal refund through the [membership form](https://example.com/help/plus-refund).`,
    pagePaths: ['/billing'],
    popularity: 55,
  },
  {
    slug: 'delivery-times-and-costs',
    title: 'Delivery times and shipping costs',
    markdown: `We ship from our warehouse in Portland, Oregon, Monday to Friday. Orders placed before **2 pm Pacific time** on a business day leave the same day; later orders ship the next business day.

## Shipping options in the US

- **Standard:** 3–5 business days, $6.95, or **free on orders over $75**
- **Express:** 1–2 business days, $14.95, free for Northwind Plus members
- **Next day:** order by 11 am Pacific, $24.95; not available for PO boxes, Alaska or Hawaii

Your delivery estimate is shown at checkout and in your order confirmation email.

## Large and bulky items

Tents over 15 lb, canoes and roof boxes ship by freight. Allow an extra **5–7 business days**. The carrier will call you to book a delivery appointment, so make sure your phone number is correct at checkout.

## Split shipments

If some items come from a partner warehouse, your order may arrive in more than one parcel. You only pay shipping once, and each parcel gets its own tracking number.

## Holidays

During November and December, order by the cut-off dates on our [holiday shipping page](https://example.com/help/holiday-shipping) to receive your parcel in time. Orders placed on a weekend or public holiday are processed on the next business day.

Shipping outside the US? Delivery times, costs and duties for other countries are covered in our international shipping article.`,
    pagePaths: ['/shipping'],
    popularity: 82,
  },
  {
    slug: 'track-your-order',
    title: 'Track your order and check its delivery status',
    markdown: `As soon as your order leaves our warehouse, we email you a shipping confirmation with a tracking number. Tracking usually starts showing movement within **24 hours** of that email.

## Track an order

1. Open the shipping confirmation email and click **Track parcel**.
2. Or sign in, go to **Account → Order history** and select the order.
3. Guests can use the [order tracking page](https://example.com/track) with their order number, for example \`NW-482913\`, and the email used at checkout.

## What the statuses mean

- **Processing:** we're picking and packing your items.
- **Shipped:** handed to the carrier; tracking is now available.
- **Out for delivery:** with the local driver today.
- **Delivered:** the carrier has confirmed delivery.
- **Exception:** the carrier has hit a delay, such as bad weather or an incomplete address.

## Tracking hasn't updated

Tracking can pause for up to **48 hours** while a parcel travels between hubs. If it hasn't moved for more than **3 business days**, contact us and we'll open an investigation with the carrier.

## Marked as delivered but not received

Check around your property, with neighbours and at your building's mailroom. Carriers sometimes mark parcels as delivered a day early. If it still hasn't turned up after **2 days**, let us know within **14 days** of the delivery date. We'll send a replacement or a refund once the carrier confirms the parcel is lost.`,
    pagePaths: ['/shipping', '/'],
    popularity: 95,
  },
  {
    slug: 'international-shipping-customs',
    title: 'International shipping, customs and import duties',
    markdown: `We ship to more than 40 countries, including Canada, the UK, the EU, Australia and Japan. The full list appears at checkout when you enter your address.

## Delivery times and costs

- **Canada:** 5–8 business days, from $14.95
- **UK and EU:** 6–10 business days, from $24.95
- **Australia, New Zealand and Asia:** 8–14 business days, from $29.95

International orders over $200 ship free. The free express shipping included with Northwind Plus applies to US addresses only.

## Customs duties and taxes

How customs charges are handled depends on where you live:

- **UK, EU, Canada and Australia:** duties and import taxes are calculated at checkout and included in your total (**Delivered Duty Paid**). You won't pay anything extra on delivery.
- **All other countries:** duties and taxes are not included. The carrier will collect them from you before handing over the parcel.

If you refuse a parcel because of customs charges, we refund the items once it's back with us, minus the original shipping cost.

## Restricted items

Some products can't be shipped abroad, including gas canisters, bear spray and loose lithium batteries. Product pages show **US only** where this applies, and checkout flags any order that contains a restricted item.

## Paperwork

Every international parcel includes a commercial invoice. If customs asks for an HS code, you'll find it on that invoice next to each item, for example \`6306.22\` for synthetic tents. More details are on our [international shipping page](https://example.com/help/international).`,
    pagePaths: ['/shipping'],
    popularity: 50,
  },
  {
    slug: 'damaged-or-faulty-items',
    title: 'Damaged parcel or faulty gear: delivery damage and our 2-year warranty',
    markdown: `Whether your order arrived damaged or something failed after a few trips, we'll put it right. What to do depends on when the problem appeared.

## Damaged in delivery

Report delivery damage within **7 days** of the delivery date:

1. Keep the box and all the packaging, as the carrier may ask to see it.
2. Take photos of the outer box, the shipping label and the damaged item.
3. Go to **Account → Order history**, select the order and click **Report a problem**.
4. Choose **Arrived damaged** and upload your photos.

We ship a replacement within **1 business day** at no cost, or refund you if the item is out of stock. You don't need to wait for the carrier's claim to be settled.

## Faulty after use: our warranty

All Northwind-brand gear is covered by a **2-year warranty** against defects in materials and workmanship, counted from the delivery date. Other brands are covered by their manufacturer's warranty, and we'll help you make that claim.

The warranty covers problems such as failed seams, broken zips, delaminating soles and snapped tent poles. It doesn't cover normal wear and tear, accidental damage or changes you've made to the product.

## Make a warranty claim

Submit a claim on the [warranty page](https://example.com/help/warranty) with your order number, photos of the fault and a short description. Most claims are decided within **5 business days**. If approved, we'll repair, replace or refund the item; repairs usually take 2–3 weeks. Each claim gets a reference such as \`WR-10458\` to quote in any follow-up.`,
    pagePaths: ['/shipping', '/products'],
    popularity: 58,
  },
  {
    slug: 'reset-password',
    title: 'Reset a forgotten password',
    markdown: `If you can't remember your password, you can set a new one from the sign-in page. You'll need access to the email address on your account.

## Reset your password

1. Go to the [sign-in page](https://example.com/account/sign-in) and click **Forgot password?**
2. Enter the email address you use for Northwind Outfitters.
3. Open the email from \`no-reply@northwind.example\` and click **Reset password**. The link works for **60 minutes** and can only be used once.
4. Choose a new password of at least **10 characters**. You can't reuse any of your last 5 passwords.

Once the password changes, you'll be signed out on all your other devices.

## Didn't get the email?

- Wait 5 minutes, then check your spam or promotions folder.
- Make sure you typed the address you signed up with. For security, we show the same message whether or not an account exists.
- You can request a new link every **2 minutes**, up to 5 times an hour.

## Locked out?

After **10 failed sign-in attempts**, your account is locked for 30 minutes. Resetting your password unlocks it straight away.

If you no longer have access to your email address, contact support from the address you'd like to switch to and include a recent order number. We'll verify your identity before making any changes to the account.`,
    pagePaths: ['/account', '/'],
    popularity: 88,
  },
  {
    slug: 'change-email-address',
    title: 'Change the email address on your account',
    markdown: `Your email address is how you sign in, and it's where we send order confirmations, shipping updates and Northwind Plus receipts. You can change it at any time.

## Change your email

1. Sign in and go to **Account → Profile**.
2. Click **Edit** next to **Email address**.
3. Enter the new address and confirm the change with your current sign-in details.
4. Open the verification email we send to the new address and click **Confirm**. The link expires after **24 hours**.

Until you confirm, your old address stays active for sign-in and notifications. We also send a notice to the old address, so you'll know if someone else tries to make the change.

## Things to know

- Each email address can only be linked to one account. If the new address already has an account, you'll see the error \`email_in_use\`. Sign in to that account instead, or ask us to merge the two order histories.
- Open orders send their remaining updates to the new address once it's confirmed.
- Newsletter preferences move with your account, so you don't need to subscribe again.

## Signed up with Google or Apple?

If you sign in with Google or Apple, your email address is managed by that provider. To use a different address, first set up a Northwind sign-in under **Account → Security**, then change your email as described above. See [sign-in options](https://example.com/help/sign-in-options) for more.`,
    pagePaths: ['/account'],
    popularity: 40,
  },
  {
    slug: 'delete-account-and-data',
    title: 'Delete your account and personal data',
    markdown: `You can permanently close your Northwind Outfitters account and have your personal data erased. This can't be undone, so please read the details below first.

## Before you delete

- **Open orders** must be delivered or cancelled first, and any returns in progress must be completed.
- **Northwind Plus** is cancelled immediately, and any remaining time is not refunded.
- **Gift card balances** and store credit are lost. Spend them first, or ask us to move them to a gift card code you can keep.
- Reviews you've written stay on product pages but are shown as "Former customer".

## Delete your account

1. Sign in and go to **Account → Privacy**.
2. Click **Delete my account**.
3. Re-enter your sign-in details and type \`DELETE\` to confirm.
4. We email you a confirmation. You have **14 days** to change your mind by signing in again; after that, deletion is permanent.

## What we keep

We erase your profile, addresses, saved cards, wishlists and browsing history within **30 days**. By law, we must keep invoices and payment records for **7 years** for tax purposes. These are stored separately and are never used for marketing.

## Just want a copy of your data?

To get a copy of everything we hold about you, use **Download my data** on the same page. You'll receive a ZIP file by email within **48 hours**. Our [privacy policy](https://example.com/privacy) explains your full rights, including correcting your data or opting out of marketing.`,
    pagePaths: ['/account'],
    popularity: 30,
  },
  {
    slug: 'return-policy',
    title: 'Return policy: 60 days to send items back',
    markdown: `Not happy with something? You can return most items within **60 days** of delivery, as long as they're unused, with tags attached and in their original packaging.

## Start a return

1. Go to **Account → Order history** and select the order. Guests can use the [returns portal](https://example.com/returns) with their order number.
2. Click **Return items**, then choose the items and a reason.
3. Print the prepaid return label, or show the QR code at a drop-off point.
4. Pack the items securely and drop the parcel off within **14 days** of creating the return.

Returns within the US are **free**. International customers pay for return shipping. Every return gets a reference such as \`RMA-773201\`, shown in all related emails.

## Items that can't be returned

- Gas canisters and stove fuel
- Socks, underwear and swimwear with the hygiene seal removed
- Gift cards
- Items engraved or customised for you

## Used gear

Tried it on the trail and it didn't work out? Northwind-brand items can be returned within **60 days** even if they've been used, once per customer per product type. In that case we issue store credit instead of paying back your original payment method.

## After we receive your return

We inspect returns within **2 business days** and email you as soon as your money is on its way. How long it then takes to reach you depends on your payment method.`,
    pagePaths: ['/returns', '/'],
    popularity: 90,
  },
  {
    slug: 'size-guide-and-exchanges',
    title: 'Size guide and free exchanges for a better fit',
    markdown: `Getting the right size first time saves everyone a trip to the post office. Every clothing and footwear product page has a **Size guide** link under the size selector, with measurements for that specific product.

## Measure yourself

- **Chest:** around the fullest part, under your arms.
- **Waist:** around your natural waistline, keeping the tape loose.
- **Inside leg:** from the crotch to the floor, without shoes.
- **Feet:** stand on a sheet of paper, mark your heel and longest toe, and measure in centimetres. Measure in the evening, when feet are at their largest.

Between sizes? Size up for insulated jackets and hiking boots, and size down for base layers. Backpacks are sized by **torso length**, not height: measure from the bony bump at the base of your neck to the top of your hip bones.

## Exchange for a different size or colour

Exchanges are free within **60 days** of delivery for unused items with tags attached.

1. Go to **Account → Order history** and select the order.
2. Click **Return items** and choose **Exchange**.
3. Pick the new size or colour. We reserve it for you straight away.
4. Send your item back with the prepaid label.

We ship the replacement as soon as the carrier scans your parcel, so you don't have to wait for it to reach us. If the new size is out of stock, you can choose another item or get your money back instead. Full charts for every brand are on the [size guide page](https://example.com/help/size-guide).`,
    pagePaths: ['/returns', '/products'],
    popularity: 62,
  },
  // SANITIZER TEST FIXTURE: this article deliberately contains a raw
  // <script>alert(1)</script> line and an <img src=x onerror=alert(1)> tag.
  // They must be stripped when the markdown is rendered. Do not "fix" them.
  {
    slug: 'gift-cards',
    title: 'Gift cards: buying, redeeming and checking your balance',
    markdown: `Northwind gift cards come as **e-gift cards** delivered by email, or as physical cards posted in a recycled card sleeve. Both are available in amounts from $10 to $500 and **never expire**.

## Buy a gift card

1. Go to the [gift card page](https://example.com/gift-cards) and pick an amount.
2. Choose an e-gift card or a physical card.
3. For e-gift cards, enter the recipient's email address and pick a delivery date up to **12 months** ahead.

Physical cards ship free with standard delivery.

<script>alert(1)</script>

## Redeem a gift card

At checkout, enter the card code and 4-digit PIN under **Gift card or promo code**. A code looks like \`NWGC-4821-7730-1195\`. If your order costs more than the balance, pay the rest with a card or PayPal. You can use up to **3 gift cards** on one order.

<img src=x onerror=alert(1)>

## Check your balance

Enter your code and PIN in the [balance checker](https://example.com/gift-cards/balance), or sign in and add the card under **Account → Wallet** to see its balance at any time.

## Good to know

- Gift cards can't be exchanged for cash or used to buy other gift cards.
- Lost or stolen cards can be blocked if you have the order number, and the remaining balance moved to a new card.
- If you return something you paid for with a gift card, the money goes back onto that gift card.`,
    pagePaths: ['/'],
    popularity: 70,
  },
];

export const demoCategories: SeedCategory[] = [
  {
    name: 'Billing & payments',
    fields: [
      {
        key: 'invoiceNumber',
        label: 'Invoice number',
        type: 'text',
        required: false,
        maxLength: 40,
      },
    ],
  },
  {
    name: 'Orders & shipping',
    fields: [
      {
        key: 'orderNumber',
        label: 'Order number',
        type: 'text',
        required: true,
        maxLength: 20,
      },
    ],
  },
  {
    name: 'Account & sign-in',
    fields: [],
  },
  {
    name: 'Product question',
    fields: [
      {
        key: 'productType',
        label: 'Product type',
        type: 'select',
        required: true,
        options: ['Tents', 'Backpacks', 'Clothing', 'Footwear', 'Other'],
      },
    ],
  },
];

// ---------------------------------------------------------------------------
// Pebble Notes (starter site)
// ---------------------------------------------------------------------------

export const starterSite: SeedSiteLooks = { slug: 'starter', name: 'Pebble Notes', color: '#7c3aed', locale: 'en' };

export const starterArticles: SeedArticle[] = [
  {
    slug: 'plans-and-pricing',
    title: 'Pebble Notes plans and pricing',
    markdown: `Pebble Notes has two plans. You can start on **Free** and upgrade whenever you need more.

## Free

- Up to **200 notes**
- Sync between **2 devices**
- 100 MB of attachments

## Pebble Pro

- **Unlimited notes** and sync on up to **10 devices**
- 20 GB of attachments and full version history for 90 days
- Costs **$4 a month**, or **$36 a year** (three months free)

Every new account gets a **14-day Pro trial**, with no card needed. When it ends, you move back to Free automatically and keep all your notes; anything over the Free limits becomes read-only until you upgrade or tidy up.

Students and teachers get 50% off Pro with a school email address. Compare plans on the [pricing page](https://example.com/pricing).`,
    pagePaths: ['/pricing'],
    popularity: 80,
  },
  {
    slug: 'sync-across-devices',
    title: 'Sync your notes across devices',
    markdown: `Notes sync automatically whenever you're signed in to the same Pebble account on each device.

## Set up sync

1. Install Pebble Notes on your phone or tablet, or open the web app.
2. Sign in with the same email address you use everywhere else.
3. Wait a few seconds for your notes to appear. Large libraries can take a couple of minutes on the first sync.

## If notes aren't syncing

- Check the cloud icon in the sidebar. A red icon means you're offline; changes are saved locally and upload when you reconnect.
- Make sure you haven't reached your plan's device limit under **Settings → Devices**.
- If two devices edit the same note offline, Pebble keeps both versions and adds \`(conflict)\` to the title of one of them, so nothing is lost.

Still stuck? Send us a bug report with your platform and app version.`,
    pagePaths: ['/app'],
    popularity: 70,
  },
  {
    slug: 'export-notes',
    title: 'Export your notes as Markdown or PDF',
    markdown: `Your notes are yours. You can export them at any time, on any plan.

## Export a single note

Open the note, click the **⋯** menu and choose **Export**. Pick **Markdown** to keep formatting that other apps understand, or **PDF** for sharing and printing.

## Export everything

1. Go to **Settings → Data**.
2. Click **Export all notes**.
3. Choose a format and whether to include attachments.

We build a ZIP file with one folder per notebook and email you a download link, usually within **10 minutes**. The link stays valid for **7 days**. Markdown files use the note title as the file name, for example \`Trip ideas.md\`, and keep tags in a header at the top of each file.

You can re-import a Markdown export into Pebble later from the same page.`,
    pagePaths: ['/app'],
    popularity: 55,
  },
  {
    slug: 'cancel-pebble-pro',
    title: 'Cancel or downgrade your Pebble Pro plan',
    markdown: `You can cancel Pebble Pro at any time, and you won't lose any notes.

## How to cancel

1. Go to **Settings → Plan & billing**.
2. Click **Cancel Pro** and confirm.
3. You keep Pro features until the end of the period you've paid for, then move to the Free plan.

If you subscribed through the App Store or Google Play, cancel from your phone's subscription settings instead, because we can't change those subscriptions for you.

## What happens to your notes

Everything stays in your account. If you have more notes or devices than the Free plan allows, older notes become **read-only** until you upgrade again or delete some. Nothing is deleted automatically.

Yearly plans can be refunded in full within **14 days** of payment. Ask through the [billing help page](https://example.com/help/billing).`,
    pagePaths: ['/pricing'],
    popularity: 45,
  },
];

export const starterCategories: SeedCategory[] = [
  {
    name: 'Question',
    fields: [],
  },
  {
    name: 'Bug report',
    fields: [
      {
        key: 'platform',
        label: 'Platform',
        type: 'select',
        required: true,
        options: ['Web', 'iOS', 'Android'],
      },
      {
        key: 'appVersion',
        label: 'App version',
        type: 'text',
        required: false,
        maxLength: 20,
      },
    ],
  },
];

// ---------------------------------------------------------------------------
// Northwind Outfitters: members, the support agent and their conversations
// ---------------------------------------------------------------------------

/**
 * A person with an account on the demo shop. `sub` is their id there (the member token's `sub`);
 * every address is one the shop has verified. The demo host signs people in as one of these.
 */
export interface SeedMember {
  sub: string;
  name: string;
  email: string;
  org: { id: string; name: string } | null;
}

export interface SeedAgent {
  name: string;
  email: string;
}

/** One message in a conversation: who wrote it (the requester, the agent, or a CC'd member by `sub`). */
export interface SeedMessage {
  from: 'requester' | 'agent' | (string & {});
  body: string;
  /** How long before the seed ran it was written; also orders the thread. */
  minutesAgo: number;
}

/** A request with its history, as support would have it today. */
export interface SeedConversation {
  /** A member's `sub`, or someone without an account who wrote in with their email. */
  requester: string | { email: string; name: string };
  /** A category of the site, by name. */
  category: string;
  subject: string;
  fields: Record<string, string>;
  /** Addresses copied in: members' emails (they see it under "Requests I'm CC'd on") or outside ones. */
  ccs?: string[];
  /** The stored status (customers see Open, Awaiting your reply or Solved). */
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  /** Public messages, oldest first; the first one is the requester's description. */
  messages: SeedMessage[];
  /** Internal agent notes: for the support team only, never shown to customers. */
  internalNotes?: { body: string; minutesAgo: number }[];
}

const basecamp = { id: 'org-basecamp', name: 'Basecamp Guides Co.' };
const trailhead = { id: 'org-trailhead', name: 'Trailhead Scouts' };

export const demoMembers: SeedMember[] = [
  { sub: 'nw-1001', name: 'Avery Lindqvist', email: 'avery.lindqvist@example.com', org: basecamp },
  { sub: 'nw-1002', name: 'Jonas Okafor', email: 'jonas.okafor@example.com', org: basecamp },
  { sub: 'nw-1003', name: 'Mira Castellanos', email: 'mira.castellanos@example.com', org: trailhead },
  { sub: 'nw-1004', name: 'Sam Whitfield', email: 'sam.whitfield@example.com', org: null },
];

export const demoAgent: SeedAgent = { name: 'Riley Chen', email: 'riley@northwind.example' };

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * Who sees what (Basecamp Guides Co.: Avery and Jonas; Trailhead Scouts: Mira; Sam has no organization):
 * - Avery: own (sign-in, double charge); CC'd on Jonas's group order; org: all four Basecamp requests.
 * - Jonas: own (group order, VAT invoices); CC'd on Avery's double charge; org: all four Basecamp requests.
 * - Mira: own (missing tents, fuel canisters); CC'd on Sam's tent question; org: her two Trailhead requests.
 * - Sam: own (tent question, broken buckle); CC'd on Mira's fuel canisters; no organization list.
 */
export const demoConversations: SeedConversation[] = [
  {
    requester: 'nw-1003',
    category: 'Orders & shipping',
    subject: 'Troop order arrived with two tents missing',
    fields: { orderNumber: 'NW-47730' },
    status: 'closed',
    messages: [
      {
        from: 'requester',
        minutesAgo: 21 * DAY,
        body: 'Hi! Our troop order NW-47730 arrived today, but the box only had four of the six Basecamp 4 Dome tents we paid for. The packing slip lists all six. We leave for our autumn camp in ten days — can you help?',
      },
      {
        from: 'agent',
        minutesAgo: 21 * DAY - 3 * HOUR,
        body: "Hi Mira, I'm sorry about that. Our warehouse confirmed the two tents were left out when your order was packed. I've sent them by express at no charge; the tracking number is CP 8V4 29F 0193 5521 and they should be with you on Thursday.",
      },
      {
        from: 'requester',
        minutesAgo: 18 * DAY,
        body: 'Both tents arrived this morning. Thank you for sorting it out so quickly!',
      },
      {
        from: 'agent',
        minutesAgo: 18 * DAY - 2 * HOUR,
        body: 'Great to hear. Have a wonderful camp! I will mark this as solved.',
      },
    ],
    internalNotes: [
      {
        minutesAgo: 21 * DAY - 2 * HOUR,
        body: 'Mis-pick at the Portland warehouse (bin B-14 was short). Replacement shipped express, coded as a fulfilment error, no charge to the customer.',
      },
    ],
  },
  {
    requester: 'nw-1001',
    category: 'Account & sign-in',
    subject: 'Cannot sign in after changing my email address',
    fields: {},
    status: 'solved',
    messages: [
      {
        from: 'requester',
        minutesAgo: 6 * DAY,
        body: 'I changed my account email to avery.lindqvist@example.com last week. Since then the sign-in page says "no account with this address", and the password reset email never arrives.',
      },
      {
        from: 'agent',
        minutesAgo: 6 * DAY - 90,
        body: 'Thanks Avery. The change had not been confirmed, so your account still used the old address. I have confirmed the new one for you: please try "Forgot password" again and the email should arrive within a few minutes.',
      },
      {
        from: 'requester',
        minutesAgo: 6 * DAY - 150,
        body: 'That worked, I am signed in again. Thanks!',
      },
    ],
    internalNotes: [
      {
        minutesAgo: 6 * DAY - 100,
        body: 'Email change was stuck unconfirmed (the confirmation link had expired). Confirmed it manually after checking the order history matched.',
      },
    ],
  },
  {
    requester: 'nw-1004',
    category: 'Product question',
    subject: 'Is the Ridgeline 2 UL warm enough for late-season trips?',
    fields: { productType: 'Tents' },
    ccs: ['mira.castellanos@example.com'],
    status: 'open',
    messages: [
      {
        from: 'requester',
        minutesAgo: 4 * DAY,
        body: "I'm thinking of buying a Ridgeline 2 UL for trips above the tree line in late October. How does it cope with wind and the odd snow shower? I've copied Mira, who leads our scout troop's winter outings.",
      },
      {
        from: 'agent',
        minutesAgo: 4 * DAY - 5 * HOUR,
        body: "Hi Sam, the Ridgeline is a 3-season tent: it handles strong wind well when it's fully guyed out, and a light snow shower is fine. It isn't built to carry a snow load overnight, though. For exposed camps with a real chance of snow, the Tundra 3 Expedition is the safer choice.",
      },
      {
        from: 'nw-1003',
        minutesAgo: 3 * DAY,
        body: 'For what it is worth, two of our leaders used Ridgelines on the ridge trail last October and were happy with them. We did pitch them behind the tree line.',
      },
      {
        from: 'requester',
        minutesAgo: 2 * DAY,
        body: 'Thanks both. One more question: does the footprint that comes with it fit the vestibule too, or only the inner tent?',
      },
    ],
  },
  {
    requester: 'nw-1002',
    category: 'Orders & shipping',
    subject: 'Group order for our guides: split delivery to two offices',
    fields: { orderNumber: 'NW-48350' },
    ccs: ['avery.lindqvist@example.com'],
    status: 'hold',
    messages: [
      {
        from: 'requester',
        minutesAgo: 3 * DAY,
        body: 'We have just placed order NW-48350 for twelve Trail Pack 45 L packs for our guide team. Could the order be split so that eight go to our Portland office and four to Bend? I have copied Avery, who looks after our Bend office.',
      },
      {
        from: 'agent',
        minutesAgo: 3 * DAY - 4 * HOUR,
        body: 'Hi Jonas, we can do that. I have asked our warehouse to split the shipment and will confirm both tracking numbers as soon as they are booked.',
      },
      {
        from: 'nw-1001',
        minutesAgo: 2 * DAY,
        body: 'The Bend address is 640 NW Bond Street, Bend, OR 97703. Deliveries there are only accepted on weekdays before 4 pm.',
      },
      {
        from: 'agent',
        minutesAgo: 2 * DAY - 3 * HOUR,
        body: 'Thank you, Avery. I have added the address and the delivery hours. The warehouse expects to ship both parcels early next week; I will update you here.',
      },
    ],
    internalNotes: [
      {
        minutesAgo: 3 * DAY - 3 * HOUR,
        body: 'Business account: 12% volume discount approved by Dana. Waiting for the warehouse to confirm the four extra Trail Packs for the split shipment.',
      },
    ],
  },
  {
    requester: 'nw-1002',
    category: 'Billing & payments',
    subject: 'Our VAT number is missing from the September invoice',
    fields: { invoiceNumber: 'NW-INV-2026-0914' },
    status: 'open',
    messages: [
      {
        from: 'requester',
        minutesAgo: 40 * HOUR,
        body: 'Invoice NW-INV-2026-0914 was issued without our company name and VAT ID, so our accountant cannot book it. Both are saved under Billing details. Could you reissue it?',
      },
      {
        from: 'agent',
        minutesAgo: 38 * HOUR,
        body: 'Hi Jonas, the details were added after that order shipped, which is why the invoice does not show them. We can reissue it once: could you confirm the VAT ID exactly as it should appear?',
      },
      {
        from: 'requester',
        minutesAgo: 20 * HOUR,
        body: 'Sure: Basecamp Guides Co., VAT ID US-OR 93-4418207. Thank you!',
      },
    ],
  },
  {
    requester: 'nw-1001',
    category: 'Billing & payments',
    subject: 'Charged twice for my Northwind Plus renewal',
    fields: { invoiceNumber: 'NW-INV-2026-0311' },
    ccs: ['jonas.okafor@example.com'],
    status: 'pending',
    messages: [
      {
        from: 'requester',
        minutesAgo: 26 * HOUR,
        body: 'My card statement shows two charges of $89.00 for the Northwind Plus renewal on 14 March, but there is only one invoice (NW-INV-2026-0311) in my account. Jonas from our accounts team is copied in.',
      },
      {
        from: 'agent',
        minutesAgo: 5 * HOUR,
        body: 'Hi Avery, our payment provider shows one completed charge and one authorization from a first attempt that failed. Authorizations like that are usually released by the bank within a few days. Could you check whether both charges are still on your statement, and send the date shown next to each one?',
      },
    ],
    internalNotes: [
      {
        minutesAgo: 5 * HOUR + 10,
        body: 'Provider dashboard: capture ch_…4242 on 14 Mar, plus an auth hold from the failed first attempt (released 17 Mar). Nothing to refund unless the statement shows two settled charges.',
      },
    ],
  },
  {
    requester: 'nw-1003',
    category: 'Product question',
    subject: 'Can you ship stove fuel canisters for a troop trip?',
    fields: { productType: 'Other' },
    ccs: ['sam.whitfield@example.com', 'quartermaster@trailhead-scouts.example'],
    status: 'open',
    messages: [
      {
        from: 'requester',
        minutesAgo: 9 * HOUR,
        body: 'We are planning a three-day trip in December and would like to order gas canisters together with the rest of our gear. Your site says fuel cannot be returned, but can it be shipped at all? I have copied Sam, one of our parent volunteers, and our quartermaster.',
      },
      {
        from: 'nw-1004',
        minutesAgo: 3 * HOUR,
        body: 'We would need about ten 230 g canisters for the three stoves. If shipping is not possible, could we pick them up at the Portland store?',
      },
    ],
    internalNotes: [
      {
        minutesAgo: 2 * HOUR,
        body: 'Fuel ships by ground only (hazmat). Store pickup is possible: check stock at Alder Street before promising ten canisters.',
      },
    ],
  },
  {
    requester: 'nw-1004',
    category: 'Orders & shipping',
    subject: 'Buckle snapped on my Trail Pack 45 L',
    fields: { orderNumber: 'NW-48213' },
    status: 'pending',
    messages: [
      {
        from: 'requester',
        minutesAgo: 30 * HOUR,
        body: 'The hip-belt buckle on the Trail Pack 45 L from order NW-48213 snapped on my second hike. I have not dropped or overloaded it. Can I get a replacement?',
      },
      {
        from: 'agent',
        minutesAgo: 90,
        body: "Hi Sam, sorry to hear that: that's covered by our one-year warranty. Could you reply with a photo of the broken buckle? Once we have it, we'll send a replacement belt with a prepaid label for the old one.",
      },
    ],
    internalNotes: [{ minutesAgo: 80, body: 'Third report of this buckle batch this month. Flagged to the product team (lot TP45-0826).' }],
  },
  {
    requester: { email: 'pat.rivera@example.net', name: 'Pat Rivera' },
    category: 'Product question',
    subject: 'Does the Tundra 3 fit two adults and a dog?',
    fields: { productType: 'Tents' },
    status: 'new',
    messages: [
      {
        from: 'requester',
        minutesAgo: 50,
        body: 'Hello, we are two adults and a medium-sized dog (about 20 kg). Would the Tundra 3 Expedition give us enough room, or should we look at something bigger?',
      },
    ],
  },
  {
    requester: { email: 'pat.rivera@example.net', name: 'Pat Rivera' },
    category: 'Billing & payments',
    subject: 'Gift card balance not applied at checkout',
    fields: {},
    status: 'open',
    messages: [
      {
        from: 'requester',
        minutesAgo: 35,
        body: 'I tried to pay with a Northwind gift card, but checkout says the balance is $0 even though I have only used part of it. The card number ends in 7781.',
      },
    ],
    internalNotes: [
      {
        minutesAgo: 20,
        body: 'Gift card …7781 shows a $50.00 balance on our side. Possibly the checkout caching bug again; asked engineering before replying.',
      },
    ],
  },
];
