/** The words of files and a member's reply form in French (vous); English's table (../en/files.ts) is the reference. */
import { fileSize } from '../format.js';
import type { FilesWords } from '../types.js';

// French counts bytes in octets: o, Ko, Mo.
const size = fileSize('fr', ['o', 'Ko', 'Mo']);

export const filesMessages: FilesWords = {
  attach: 'Joindre des fichiers',
  attachHint: (files, bytes) => `Jusqu’à ${files} fichiers, ${size(bytes)} chacun.`,
  uploading: 'Envoi en cours…',
  attached: 'Joint',
  remove: (name) => `Retirer ${name}`,
  full: (max) => `Un message ne peut pas contenir plus de fichiers (${max}). Retirez-en un pour en joindre un autre.`,
  tooBig: (maxBytes) => `Les fichiers ne peuvent pas dépasser ${size(maxBytes)}.`,
  siteFull: 'Ce site n’a plus de place pour d’autres fichiers.',
  typeNotAllowed: 'Ce type de fichier ne peut pas être joint.',
  tooManyUploads: 'Trop d’envois en ce moment. Veuillez patienter un instant et réessayer.',
  uploadFailed: 'Ce fichier n’a pas été envoyé.',
  size,
  tooManyFiles: (max) => `Un message peut contenir au maximum ${max} fichiers. Retirez-en un et renvoyez-le.`,
  fileGone: 'Un fichier joint n’est plus disponible. Retirez-le, joignez-le de nouveau et renvoyez le message.',
  addToConversation: 'Ajouter à la conversation',
  sendReply: 'Envoyer',
  markSolved: 'Marquer comme résolue',
  followUpOf: (number) => `Suivi de la demande n° ${number}`,
  unsentReply: 'Vous avez une réponse non envoyée. Voulez-vous l’envoyer avant de marquer la demande comme résolue ?',
  sendAndSolve: 'Envoyer et marquer comme résolue',
  solveWithoutSending: 'Marquer comme résolue sans envoyer',
  cancel: 'Annuler',
  rateTitle: 'Êtes-vous satisfait de notre aide ?',
  rateGood: 'Bien',
  rateBad: 'Pas bien',
  rateComment: 'Souhaitez-vous ajouter quelque chose ? (facultatif)',
  rateSend: 'Envoyer l’évaluation',
  rateConfirm: 'Envoyer cette évaluation ?',
  rateThanks: 'Merci pour votre évaluation. Vous pouvez la modifier à tout moment.',
  sending: 'Envoi en cours…',
  sessionEnded: 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
};
