/**
 * Every locale says everything English says, in its own words: the same keys in every table (the compiler checks the
 * shape, not that a nested key was left out of a table typed loosely, nor that a value was pasted in English), no
 * value still in English, and every function keeps the numbers and names it is given, counting them the
 * language's way. Also how a visitor's language is picked (widget/i18n/locales.ts) and the inbound parser's markers.
 */
import { describe, expect, it } from 'vitest';
import { allTables, tablesFor } from '../../widget/i18n/all-tables.js';
import { LOCALES, launcherWords, pickLocale, type Locale } from '../../widget/i18n/locales.js';
import type { LocaleTables } from '../../widget/i18n/types.js';
import { REPLY_MARKERS } from '../../server/mail/reply-marker.js';
import { writtenText } from '../../server/mail/inbound/written-text.js';

type Word = string | ((...args: never[]) => string) | { [key: string]: Word };
type Call = (...args: unknown[]) => string;

/** What each of English's functions takes, by position: a count, a name or other text, a size in bytes, a list. */
type Kind = 'number' | 'text' | 'bytes' | 'list';
const SIGNATURES: Record<string, Kind[]> = {
  'messages.results': ['text'],
  'contactMessages.chooseOption': ['text'],
  'contactMessages.sentBody': ['number'],
  'contactMessages.sentEmail': ['text'],
  'memberMessages.signedInAs': ['text'],
  'memberMessages.newReply': ['text'],
  'memberMessages.statusNow': ['text'],
  'memberMessages.awaitingBadge': ['number'],
  'memberMessages.lastActivity': ['text'],
  'memberMessages.requestTitle': ['number'],
  'memberMessages.followUpSubject': ['number', 'text'],
  'filesMessages.attachHint': ['number', 'bytes'],
  'filesMessages.remove': ['text'],
  'filesMessages.full': ['number'],
  'filesMessages.tooBig': ['bytes'],
  'filesMessages.size': ['bytes'],
  'filesMessages.tooManyFiles': ['number'],
  'filesMessages.followUpOf': ['number'],
  'helpCenterMessages.title': ['text'],
  'helpCenterMessages.pageTitle': ['text', 'text'],
  'helpCenterMessages.requestTitle': ['number'],
  'helpCenterMessages.accountMenu': ['text'],
  'mailMessages.requestSubject': ['number', 'text'],
  'mailMessages.requesterNeutralSubject': ['number', 'text'],
  'mailMessages.ccNeutralSubject': ['number', 'text'],
  'mailMessages.received': ['number', 'text'],
  'mailMessages.copied': ['number', 'text'],
  'mailMessages.newMessage': ['number'],
  'mailMessages.agentReplied': ['text', 'number'],
  'mailMessages.solved': ['text', 'number'],
  'mailMessages.wrote': ['text', 'text'],
  'mailMessages.olderNotShown': ['number'],
  'mailMessages.setPasswordSubject': ['text'],
  'mailMessages.setPasswordBody': ['text', 'text'],
  'mailMessages.signInSubject': ['text'],
  'mailMessages.signInBody': ['text', 'text'],
  'mailMessages.newRequest': ['number', 'text'],
  'mailMessages.customerReplied': ['text', 'number'],
  'mailMessages.digestSubject': ['text'],
  'mailMessages.digestIntro': ['text', 'number'],
  'mailMessages.digestEntry': ['number', 'list', 'text'],
};

/**
 * The only words a translation may share with English, each for a reason. An entry that no longer matches fails
 * the test, so the list cannot outgrow what is true.
 */
const SAME_AS_ENGLISH: Record<string, { locales: Locale[]; why: string }> = {
  'contactMessages.ccLabel': { locales: ['de', 'es'], why: 'German and Spanish mail say "CC" too' },
  'memberMessages.copied': { locales: ['de', 'es'], why: 'the same "CC" badge' },
  'memberMessages.statusFilter': { locales: ['de'], why: 'German says "Status" too' },
  'contactMessages.optional': { locales: ['de'], why: 'German says "(optional)" too' },
  'mailMessages.requestSubject': {
    locales: ['de', 'fr', 'es', 'ar'],
    why: 'only the number and the subject typed: "[#12]" is the same tag in every language',
  },
  'mailMessages.digestEntry': { locales: ['es'], why: 'only the number, the changes (already in Spanish) and a link' },
  'filesMessages.size': {
    locales: ['de', 'es'],
    why: 'B, KB and MB are their symbols too; only fractions differ ("1,5 KB")',
  },
};

const NUMBERS = [0, 1, 2, 3, 5, 11, 100];
// One size beside each number, chosen so that neither one's digits can be mistaken for the other's.
const BYTES = [700, 2560, 300 * 1024, 1536, 1024 * 1024, 20 * 1024 * 1024, 7.5 * 1024 * 1024];
const TEXTS = ['Zoë Example', 'Acme Widgets', 'https://support.example.com/r/12'];
const LIST = ['first change', 'second change'];

const OTHER_LOCALES = LOCALES.filter((locale) => locale !== 'en');
const english = allTables.en;

/** Every word of a locale's tables by its path ("memberMessages.lists.mine"). */
function words(tables: LocaleTables): Map<string, Word> {
  const found = new Map<string, Word>();
  const walk = (value: Word, path: string) => {
    if (typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    else found.set(path, value);
  };
  for (const [table, value] of Object.entries(tables)) walk(value as Word, table);
  return found;
}

/** The arguments of the i-th sample call, and for each one the texts it must show up as in `locale`'s output. */
function sample(locale: Locale, kinds: Kind[], i: number): { args: unknown[]; shown: (RegExp | string)[][] } {
  const args = kinds.map((kind, position) => (kind === 'number' ? NUMBERS[i] : kind === 'bytes' ? BYTES[i] : kind === 'list' ? LIST : TEXTS[position]));
  const shown = kinds.map((kind, position): (RegExp | string)[] => {
    const arg = args[position];
    if (kind === 'number') return [new RegExp(`(?<!\\d)${arg as number}(?!\\d)`)];
    if (kind === 'bytes') return [allTables[locale].filesMessages.size(arg as number)];
    return kind === 'list' ? LIST : [arg as string];
  });
  return { args, shown };
}

const contains = (text: string, expected: RegExp | string) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));

/** Output with the count written as "N", so that two counts compare by their words alone. */
const wordsFor = (call: Call, kinds: Kind[], count: number) => {
  const args = kinds.map((kind, position) => (kind === 'number' ? count : kind === 'bytes' ? BYTES[0] : kind === 'list' ? LIST : TEXTS[position]));
  return call(...args).replace(new RegExp(`(?<!\\d)${count}(?!\\d)`, 'g'), 'N');
};

/** English words a count its own way (one request, 2 requests): a plural the other languages must make too. */
const hasPlural = (path: string) => {
  const kinds = SIGNATURES[path];
  const call = words(english).get(path) as Call;
  return kinds.includes('number') && wordsFor(call, kinds, 1) !== wordsFor(call, kinds, 2);
};

const sameAsEnglishAllowed = (path: string, locale: Locale) => SAME_AS_ENGLISH[path]?.locales.includes(locale) ?? false;

describe('every locale has all of English’s words, translated', () => {
  const englishWords = words(english);

  it('every function of English’s has a signature here, so its translations are called with sample arguments', () => {
    const functions = [...englishWords].filter(([, word]) => typeof word === 'function');
    expect(functions.map(([path]) => path).sort()).toEqual(Object.keys(SIGNATURES).sort());
    for (const [path, word] of functions) expect(SIGNATURES[path], path).toHaveLength((word as Call).length);
  });

  describe.each(OTHER_LOCALES)('%s', (locale) => {
    const localeWords = words(allTables[locale]);

    it('has exactly English’s keys, nested ones too, each of the same type', () => {
      expect([...localeWords.keys()].sort()).toEqual([...englishWords.keys()].sort());
      for (const [path, word] of englishWords) expect(typeof localeWords.get(path), path).toBe(typeof word);
    });

    it('says no text in English, outside the explained allow-list', () => {
      for (const [path, word] of englishWords) {
        if (typeof word !== 'string') continue;
        const translated = localeWords.get(path) as string;
        expect(translated.trim(), path).not.toBe('');
        if (sameAsEnglishAllowed(path, locale)) expect(translated, `${path} is allow-listed`).toBe(word);
        else expect(translated, path).not.toBe(word);
      }
    });

    it('has functions that take what English’s take, keep every number and name, and word them differently', () => {
      for (const [path, kinds] of Object.entries(SIGNATURES)) {
        const translate = localeWords.get(path) as Call;
        const inEnglish = englishWords.get(path) as Call;
        expect(translate, path).toBeTypeOf('function');
        expect(translate.length, `${path} parameters`).toBe(inEnglish.length);
        const rules = new Intl.PluralRules(locale);
        let sameAsEnglish = 0;
        NUMBERS.forEach((count, i) => {
          const { args, shown } = sample(locale, kinds, i);
          const output = translate(...args);
          const englishOutput = inEnglish(...args);
          if (output === englishOutput) sameAsEnglish += 1;
          const englishShown = sample('en', kinds, i).shown;
          kinds.forEach((kind, position) =>
            shown[position].forEach((expected, at) => {
              // A count may be said in words where English says it in words too ("One older message"), or where the
              // language names it ("طلبان", two requests): only a plural's zero, one and two forms can.
              const inWords =
                !contains(englishOutput, englishShown[position][at]) ||
                (kind === 'number' && hasPlural(path) && ['zero', 'one', 'two'].includes(rules.select(count)));
              if (!inWords) expect(contains(output, expected), `${path}(${args.join(', ')}) shows ${String(expected)}: ${output}`).toBe(true);
            }),
          );
        });
        const sameFor = `${path}: calls that return English's words, of ${NUMBERS.length}`;
        if (sameAsEnglishAllowed(path, locale)) expect(sameAsEnglish, `${sameFor} (allow-listed)`).toBeGreaterThan(0);
        else expect(sameAsEnglish, sameFor).toBe(0);
      }
    });
  });

  it('Arabic counts in all six of its forms (none, 1, 2, 3–10, 11–99, 100) wherever English has a plural', () => {
    const plurals = Object.keys(SIGNATURES).filter(hasPlural);
    expect(plurals).toEqual(expect.arrayContaining(['memberMessages.awaitingBadge', 'mailMessages.olderNotShown']));
    const arabic = words(allTables.ar);
    const rules = new Intl.PluralRules('ar');
    const counts = [0, 1, 2, 3, 11, 100];
    expect(new Set(counts.map((count) => rules.select(count))).size).toBe(6);
    for (const path of plurals) {
      const forms = counts.map((count) => wordsFor(arabic.get(path) as Call, SIGNATURES[path], count));
      expect(new Set(forms).size, `${path}: ${forms.join(' | ')}`).toBe(counts.length);
    }
  });

  it('every locale’s mail has its own code and its reply marker between the same ##- -## marks, which the parser cuts at', () => {
    for (const locale of LOCALES) {
      const { mailMessages } = allTables[locale];
      expect(mailMessages.locale).toBe(locale);
      expect(mailMessages.replyAbove).toMatch(/^##- \S.* -##$/);
      expect(REPLY_MARKERS).toContain(mailMessages.replyAbove);
      const reply = `Thanks, that worked.\n\n${mailMessages.replyAbove}\n\nSupport replied to your request #12.`;
      expect(writtenText(reply), locale).toBe('Thanks, that worked.');
    }
  });
});

describe('the launcher', () => {
  it('says the panel’s title in every locale: the loader carries the word, the panel renames it when the locale changes', () => {
    for (const locale of LOCALES) expect(launcherWords[locale], locale).toBe(tablesFor(locale).messages.panelTitle);
  });
});

describe('pickLocale', () => {
  it('takes the first wanted language it has, a region’s tag by its language', () => {
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
    expect(pickLocale(['ja', 'fr-CA', 'de'])).toBe('fr');
  });

  it('falls back to the site’s default when it has none of them', () => {
    expect(pickLocale(['ja'])).toBe('en');
    expect(pickLocale(['ja'], 'es')).toBe('es');
    expect(pickLocale([null, undefined, ''], 'ar')).toBe('ar');
  });

  it('reads tags in any case', () => {
    expect(pickLocale(['DE-at'])).toBe('de');
    expect(pickLocale(['AR'])).toBe('ar');
  });
});
