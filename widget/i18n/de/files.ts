/** The words of files and a member's reply form in German (Sie); English's table (../en/files.ts) is the reference. */
import { fileSize } from '../format.js';
import type { FilesWords } from '../types.js';

const size = fileSize('de', ['B', 'KB', 'MB']);

export const filesMessages: FilesWords = {
  attach: 'Dateien anhängen',
  attachHint: (files, bytes) => `Bis zu ${files} Dateien, je ${size(bytes)}.`,
  uploading: 'Wird hochgeladen …',
  attached: 'Angehängt',
  remove: (name) => `${name} entfernen`,
  full: (max) => `Mehr kann eine Nachricht nicht enthalten (${max} Dateien). Entfernen Sie eine, um eine andere anzuhängen.`,
  tooBig: (maxBytes) => `Dateien dürfen höchstens ${size(maxBytes)} groß sein.`,
  siteFull: 'Auf dieser Website ist kein Platz für weitere Dateien.',
  typeNotAllowed: 'Dateien dieses Typs können nicht angehängt werden.',
  tooManyUploads: 'Gerade werden zu viele Dateien hochgeladen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  uploadFailed: 'Diese Datei wurde nicht hochgeladen.',
  size,
  tooManyFiles: (max) => `Eine Nachricht kann höchstens ${max} Dateien enthalten. Entfernen Sie eine und senden Sie erneut.`,
  fileGone: 'Eine angehängte Datei ist nicht mehr vorhanden. Entfernen Sie sie, hängen Sie sie erneut an und senden Sie noch einmal.',
  addToConversation: 'Zur Unterhaltung hinzufügen',
  sendReply: 'Senden',
  markSolved: 'Als gelöst markieren',
  followUpOf: (number) => `Folgeanfrage zu #${number}`,
  unsentReply: 'Sie haben eine Antwort, die noch nicht gesendet wurde. Möchten Sie sie senden, bevor Sie die Anfrage als gelöst markieren?',
  sendAndSolve: 'Senden und als gelöst markieren',
  solveWithoutSending: 'Ohne Senden als gelöst markieren',
  cancel: 'Abbrechen',
  rateTitle: 'Wie zufrieden sind Sie mit uns?',
  rateGood: 'Gut',
  rateBad: 'Schlecht',
  rateComment: 'Möchten Sie noch etwas hinzufügen? (optional)',
  rateSend: 'Bewertung senden',
  rateConfirm: 'Diese Bewertung senden?',
  rateThanks: 'Vielen Dank für Ihre Bewertung. Sie können sie jederzeit ändern.',
  sending: 'Wird gesendet …',
  sessionEnded: 'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich wieder anzumelden.',
};
