/**
 * The search policy's proof (server/store/rules/search-words.ts): the demo help centre's articles
 * (both seeded sites' articles on one site, each with its slug as id) and real queries — plurals,
 * -ing and -ed forms, accents, prefixes, several words, case, punctuation — with the articles each
 * must find, in order, on both engines. Where the two stemmers disagree, both answers are written
 * down with the reason.
 */
import { demoArticles, starterArticles } from '../../../server/seed/seed-content.js';

export const corpusArticles = [...demoArticles, ...starterArticles];

/** Query → the slugs found, best first, on either engine. */
export const sameOnBoth: [query: string, slugs: string][] = [
  // plurals
  [
    'refunds',
    'refund-processing-times northwind-plus-billing damaged-or-faulty-items cancel-pebble-pro track-your-order delete-account-and-data international-shipping-customs',
  ],
  ['invoices', 'download-invoices international-shipping-customs delete-account-and-data'],
  [
    'parcels',
    'damaged-or-faulty-items track-your-order delivery-times-and-costs international-shipping-customs download-invoices return-policy size-guide-and-exchanges',
  ],
  ['renewals', 'northwind-plus-billing update-payment-card'],
  ['devices', 'sync-across-devices plans-and-pricing cancel-pebble-pro reset-password'],
  ['passwords', 'reset-password'],
  // -ing and -ed
  [
    'shipping',
    'delivery-times-and-costs international-shipping-customs download-invoices track-your-order refund-processing-times damaged-or-faulty-items northwind-plus-billing gift-cards return-policy change-email-address size-guide-and-exchanges',
  ],
  [
    'shipped',
    'delivery-times-and-costs international-shipping-customs download-invoices track-your-order refund-processing-times damaged-or-faulty-items northwind-plus-billing gift-cards return-policy change-email-address size-guide-and-exchanges',
  ],
  ['syncing', 'sync-across-devices plans-and-pricing'],
  ['cancelling', 'cancel-pebble-pro northwind-plus-billing delete-account-and-data'],
  ['exporting', 'export-notes'],
  ['tracking', 'track-your-order delivery-times-and-costs'],
  ['returning', 'return-policy refund-processing-times gift-cards delete-account-and-data size-guide-and-exchanges'],
  ['damaged', 'damaged-or-faulty-items'],
  ['expired', 'gift-cards change-email-address update-payment-card'],
  // accents in the query fold away
  [
    'réfunds',
    'refund-processing-times northwind-plus-billing damaged-or-faulty-items cancel-pebble-pro track-your-order delete-account-and-data international-shipping-customs',
  ],
  ['Dévices', 'sync-across-devices plans-and-pricing cancel-pebble-pro reset-password'],
  // prefixes, as typed
  [
    'refu',
    'refund-processing-times northwind-plus-billing damaged-or-faulty-items international-shipping-customs cancel-pebble-pro track-your-order delete-account-and-data',
  ],
  ['passw', 'reset-password'],
  ['inv', 'download-invoices international-shipping-customs track-your-order delete-account-and-data'],
  ['warr', 'damaged-or-faulty-items'],
  [
    'del',
    'delivery-times-and-costs delete-account-and-data track-your-order damaged-or-faulty-items gift-cards cancel-pebble-pro international-shipping-customs return-policy refund-processing-times update-payment-card size-guide-and-exchanges',
  ],
  // several words, all required
  ['gift card balance', 'gift-cards refund-processing-times delete-account-and-data'],
  ['refund processing', 'refund-processing-times track-your-order'],
  ['download invoice', 'download-invoices delete-account-and-data'],
  ['delete account', 'delete-account-and-data update-payment-card cancel-pebble-pro'],
  ['import duties', 'international-shipping-customs'],
  ['track order', 'track-your-order delivery-times-and-costs'],
  [
    'email address',
    'change-email-address reset-password track-your-order download-invoices gift-cards plans-and-pricing delete-account-and-data sync-across-devices',
  ],
  ['how do i', 'cancel-pebble-pro change-email-address'], // no stop words: "how", "do" and "i" are words
  // case and punctuation
  [
    'REFUND',
    'refund-processing-times northwind-plus-billing damaged-or-faulty-items cancel-pebble-pro track-your-order delete-account-and-data international-shipping-customs',
  ],
  ['Gift Cards', 'gift-cards update-payment-card refund-processing-times delete-account-and-data return-policy'],
  ['PayPal', 'gift-cards refund-processing-times update-payment-card'],
  ['e-gift', 'gift-cards delete-account-and-data refund-processing-times return-policy update-payment-card'],
  ['2-year', 'damaged-or-faulty-items northwind-plus-billing plans-and-pricing cancel-pebble-pro delete-account-and-data'],
  ["can't find", 'refund-processing-times international-shipping-customs download-invoices'],
  ['VAT ID', 'download-invoices'],
  ['pdf', 'export-notes download-invoices'],
  ['xylophone', ''],
];

/** Where FTS5's Porter (1980) and PostgreSQL's Porter2 (Snowball english) stem a query word differently. */
export const stemmersDisagree: { query: string; sqlite: string; postgres: string; why: string }[] = [
  {
    query: 'pdfs',
    sqlite: 'export-notes download-invoices',
    postgres: '',
    why: 'Porter2 keeps the s of a word with no vowel before it ("pdfs"); Porter strips it to "pdf", which both articles have',
  },
  {
    query: 'news',
    sqlite: 'change-email-address update-payment-card reset-password size-guide-and-exchanges plans-and-pricing gift-cards international-shipping-customs',
    postgres: 'change-email-address',
    why: 'Porter2 lists "news" as invariant, so only words starting "news" match; Porter stems it to "new", a prefix of every "new"',
  },
  {
    query: 'ties',
    sqlite:
      'delivery-times-and-costs refund-processing-times export-notes plans-and-pricing cancel-pebble-pro sync-across-devices reset-password download-invoices northwind-plus-billing gift-cards change-email-address update-payment-card delete-account-and-data size-guide-and-exchanges international-shipping-customs',
    postgres: '',
    why: 'Porter stems "ties" to "ti", a prefix of "time" (and "tidy"); Porter2 stems it to "tie", which no article has',
  },
];
