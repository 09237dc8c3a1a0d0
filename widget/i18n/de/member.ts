/** A signed-in member's words in German (Sie); English's table (../en/member.ts) is the reference. */
import { plural } from '../format.js';
import type { MemberWords } from '../types.js';

export const memberMessages: MemberWords = {
  yourRequests: 'Ihre Anfragen',
  signedInAs: (name) => `Angemeldet als ${name}`,
  awaitingBadge: plural('de', {
    one: (count) => `${count} Anfrage wartet auf Ihre Antwort`,
    other: (count) => `${count} Anfragen warten auf Ihre Antwort`,
  }),
  lists: { mine: 'Meine Anfragen', ccd: 'Anfragen, bei denen ich in CC bin', org: 'Anfragen der Organisation' },
  statusFilter: 'Status',
  allStatuses: 'Alle',
  statuses: { open: 'Offen', awaiting_reply: 'Wartet auf Ihre Antwort', solved: 'Gelöst', closed: 'Geschlossen' },
  noRequests: 'Hier ist noch nichts.',
  loadMore: 'Mehr laden',
  lastActivity: (when) => `Aktualisiert ${when}`,
  requestTitle: (number) => `Anfrage #${number}`,
  requestMissing: 'Diese Anfrage ist nicht verfügbar.',
  linkOnly: 'Dieser Link öffnet nur eine Anfrage. Melden Sie sich auf der Website an, um alle Ihre Anfragen zu sehen.',
  copied: 'CC',
  you: 'Sie',
  support: 'Support-Team',
  closedNote: 'Diese Anfrage ist geschlossen. Um fortzufahren, stellen Sie eine Folgeanfrage.',
  followUp: 'Folgeanfrage stellen',
  followUpSubject: (number, subject) => `Folgeanfrage zu #${number}: ${subject}`,
  newRequest: 'Anfrage stellen',
  noneWithStatus: {
    open: 'Keine offenen Anfragen',
    awaiting_reply: 'Keine Anfragen, die auf Ihre Antwort warten',
    solved: 'Keine gelösten Anfragen',
    closed: 'Keine geschlossenen Anfragen',
  },
  clearFilter: 'Alle Anfragen anzeigen',
  sessionEnded: 'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich wieder anzumelden.',
  newReply: (name) => `Neue Antwort von ${name}.`,
  statusNow: (status) => `Status geändert: ${status}.`,
};
