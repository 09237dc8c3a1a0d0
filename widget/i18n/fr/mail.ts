/** The mails' words in French (vous); English's table (../en/mail.ts) is the reference. */
import { plural } from '../format.js';
import type { MailWords } from '../types.js';

export const mailMessages: MailWords = {
  locale: 'fr',
  replyAbove: '##- Veuillez saisir votre réponse au-dessus de cette ligne -##',

  requestSubject: (number, subject) => `[#${number}] ${subject}`,
  requesterNeutralSubject: (number, site) => `Votre demande n° ${number} à ${site}`,
  ccNeutralSubject: (number, site) => `Vous êtes en copie de la demande n° ${number} à ${site}`,

  received: (number, site) => `Nous avons bien reçu votre demande n° ${number} à ${site} et vous répondrons rapidement.`,
  copied: (number, site) => `Vous avez été mis en copie de la demande n° ${number} à ${site}.`,
  newMessage: (number) => `Il y a un nouveau message sur la demande n° ${number}.`,
  agentReplied: (site, number) => `L’assistance ${site} a répondu à votre demande n° ${number}.`,
  solved: (site, number) => `L’assistance ${site} a marqué votre demande n° ${number} comme résolue.`,
  reopenByReply: 'Si quelque chose ne va toujours pas, répondez à cet e-mail pour la rouvrir.',
  viewConversation: 'Voir la conversation',

  wrote: (author, when) => `${author} a écrit le ${when} :`,
  earlierMessages: 'Plus tôt dans cette conversation',
  olderNotShown: plural('fr', {
    one: (count) => `${count} message plus ancien figure dans la conversation.`,
    other: (count) => `${count} messages plus anciens figurent dans la conversation.`,
  }),

  setPasswordSubject: (site) => `Définissez votre mot de passe pour l’assistance ${site}`,
  setPasswordBody: (email, site) =>
    `Quelqu’un a demandé à définir un mot de passe pour ${email} sur le centre d’aide ${site}. Le lien fonctionne une fois, pendant une heure.`,
  setPasswordIgnore: 'Si ce n’était pas vous, ignorez cet e-mail : rien ne change.',
  setPasswordButton: 'Définir un mot de passe',
  signInSubject: (site) => `Connexion à l’assistance ${site}`,
  signInBody: (email, site) =>
    `Quelqu’un a demandé à se connecter au centre d’aide ${site} en tant que ${email}. Le lien fonctionne une fois, pendant 15 minutes.`,
  signInIgnore: 'Si ce n’était pas vous, ignorez cet e-mail.',
  signInButton: 'Se connecter',

  newRequest: (number, from) => `Nouvelle demande n° ${number} de ${from}.`,
  customerReplied: (author, number) => `${author} a répondu à la demande n° ${number}.`,
  theCustomer: 'Le client',
  openInInbox: 'Ouvrir dans la boîte de réception',

  digestSubject: (site) => `Demandes modifiées chez ${site} cette heure-ci`,
  digestIntro: (site, perHour) =>
    `Il s’est passé plus de choses chez ${site} cette heure-ci que les ${perHour} e-mails que nous envoyons à chaque agent. Depuis :`,
  digestEntry: (number, changes, link) => `#${number} : ${changes.join(', ')} — ${link}`,
  digestMore: '… et plus encore : consultez la boîte de réception.',
  openTheInbox: 'Ouvrir la boîte de réception',
  changes: { new_request: 'nouvelle demande', customer_reply: 'réponse du client' },
  howDidWeDo: 'Êtes-vous satisfait de notre aide ?',
  rateGood: 'Bien',
  rateBad: 'Pas bien',
};
