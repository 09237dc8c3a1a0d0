/** The mails' words in German (Sie); English's table (../en/mail.ts) is the reference. */
import { plural } from '../format.js';
import type { MailWords } from '../types.js';

export const mailMessages: MailWords = {
  locale: 'de',
  replyAbove: '##- Bitte geben Sie Ihre Antwort über dieser Zeile ein -##',

  requestSubject: (number, subject) => `[#${number}] ${subject}`,
  requesterNeutralSubject: (number, site) => `Ihre Anfrage #${number} an ${site}`,
  ccNeutralSubject: (number, site) => `Sie sind in Kopie der Anfrage #${number} an ${site}`,

  received: (number, site) => `Wir haben Ihre Anfrage #${number} an ${site} erhalten und antworten bald.`,
  copied: (number, site) => `Sie wurden in Kopie der Anfrage #${number} an ${site} gesetzt.`,
  newMessage: (number) => `Es gibt eine neue Nachricht zur Anfrage #${number}.`,
  agentReplied: (site, number) => `Der Support von ${site} hat auf Ihre Anfrage #${number} geantwortet.`,
  solved: (site, number) => `Der Support von ${site} hat Ihre Anfrage #${number} als gelöst markiert.`,
  reopenByReply: 'Wenn noch etwas nicht stimmt, antworten Sie auf diese E-Mail, um die Anfrage wieder zu öffnen.',
  viewConversation: 'Unterhaltung ansehen',

  wrote: (author, when) => `${author} schrieb am ${when}:`,
  earlierMessages: 'Früher in dieser Unterhaltung',
  olderNotShown: plural('de', {
    one: () => 'Eine ältere Nachricht finden Sie in der Unterhaltung.',
    other: (count) => `${count} ältere Nachrichten finden Sie in der Unterhaltung.`,
  }),

  setPasswordSubject: (site) => `Legen Sie Ihr Passwort für den Support von ${site} fest`,
  setPasswordBody: (email, site) =>
    `Jemand hat angefordert, ein Passwort für ${email} im Hilfe-Center von ${site} festzulegen. Der Link funktioniert einmal und eine Stunde lang.`,
  setPasswordIgnore: 'Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Es ändert sich nichts.',
  setPasswordButton: 'Passwort festlegen',
  signInSubject: (site) => `Beim Support von ${site} anmelden`,
  signInBody: (email, site) =>
    `Jemand hat angefordert, sich als ${email} im Hilfe-Center von ${site} anzumelden. Der Link funktioniert einmal und 15 Minuten lang.`,
  signInIgnore: 'Falls Sie das nicht waren, ignorieren Sie diese E-Mail.',
  signInButton: 'Anmelden',

  newRequest: (number, from) => `Neue Anfrage #${number} von ${from}.`,
  customerReplied: (author, number) => `${author} hat auf Anfrage #${number} geantwortet.`,
  theCustomer: 'Der Kunde',
  openInInbox: 'Im Posteingang öffnen',

  digestSubject: (site) => `Anfragen, die sich in dieser Stunde bei ${site} geändert haben`,
  digestIntro: (site, perHour) => `Bei ${site} ist in dieser Stunde mehr passiert als die ${perHour} E-Mails, die wir jedem Agenten senden. Seitdem:`,
  digestEntry: (number, changes, link) => `#${number}: ${changes.join(', ')} – ${link}`,
  digestMore: '… und mehr: siehe Posteingang.',
  openTheInbox: 'Posteingang öffnen',
  changes: { new_request: 'neue Anfrage', customer_reply: 'Antwort des Kunden' },
  howDidWeDo: 'Wie zufrieden waren Sie mit uns?',
  rateGood: 'Gut',
  rateBad: 'Schlecht',
};
