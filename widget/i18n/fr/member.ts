/** A signed-in member's words in French (vous); English's table (../en/member.ts) is the reference. */
import { plural } from '../format.js';
import type { MemberWords } from '../types.js';

export const memberMessages: MemberWords = {
  yourRequests: 'Vos demandes',
  signedInAs: (name) => `Connecté en tant que ${name}`,
  // French counts 0 and 1 alike (one); "many" is for millions, which a badge never shows, so `other` serves it.
  awaitingBadge: plural('fr', {
    one: (count) => `${count} demande attend votre réponse`,
    other: (count) => `${count} demandes attendent votre réponse`,
  }),
  lists: { mine: 'Mes demandes', ccd: 'Demandes dont je suis en copie', org: 'Demandes de l’organisation' },
  statusFilter: 'Statut',
  allStatuses: 'Tous',
  statuses: { open: 'Ouverte', awaiting_reply: 'En attente de votre réponse', solved: 'Résolue', closed: 'Fermée' },
  noRequests: 'Rien pour le moment.',
  loadMore: 'Afficher plus',
  lastActivity: (when) => `Dernière activité : ${when}`,
  requestTitle: (number) => `Demande n° ${number}`,
  requestMissing: 'Cette demande n’est pas disponible.',
  linkOnly: 'Ce lien ouvre une seule demande. Connectez-vous sur le site pour voir toutes vos demandes.',
  copied: 'Cc',
  you: 'Vous',
  support: 'Assistance',
  closedNote: 'Cette demande est fermée. Pour continuer, envoyez une demande de suivi.',
  followUp: 'Envoyer une demande de suivi',
  followUpSubject: (number, subject) => `Suivi de la demande n° ${number} : ${subject}`,
  newRequest: 'Envoyer une demande',
  noneWithStatus: {
    open: 'Aucune demande ouverte',
    awaiting_reply: 'Aucune demande en attente de votre réponse',
    solved: 'Aucune demande résolue',
    closed: 'Aucune demande fermée',
  },
  clearFilter: 'Afficher toutes les demandes',
  sessionEnded: 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
  newReply: (name) => `Nouvelle réponse de ${name}.`,
  statusNow: (status) => `Statut modifié : ${status}.`,
};
