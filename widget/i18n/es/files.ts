/** The words of files and a member's reply form in Spanish (usted); English's table (../en/files.ts) is the reference. */
import { fileSize } from '../format.js';
import type { FilesWords } from '../types.js';

const size = fileSize('es', ['B', 'KB', 'MB']);

export const filesMessages: FilesWords = {
  attach: 'Adjuntar archivos',
  attachHint: (files, bytes) => `Hasta ${files} archivos, de ${size(bytes)} cada uno.`,
  uploading: 'Subiendo…',
  attached: 'Adjunto',
  remove: (name) => `Quitar ${name}`,
  full: (max) => `Es el máximo que admite un mensaje (${max} archivos). Quite uno para adjuntar otro.`,
  tooBig: (maxBytes) => `Los archivos pueden tener como máximo ${size(maxBytes)}.`,
  siteFull: 'Este sitio no tiene espacio para más archivos.',
  typeNotAllowed: 'Este tipo de archivo no se puede adjuntar.',
  tooManyUploads: 'Demasiadas subidas en este momento. Espere un momento e inténtelo de nuevo.',
  uploadFailed: 'Este archivo no se ha subido.',
  size,
  tooManyFiles: (max) => `Un mensaje puede tener como máximo ${max} archivos. Quite uno y vuelva a enviarlo.`,
  fileGone: 'Un archivo adjunto ya no está disponible. Quítelo, vuelva a adjuntarlo y envíe de nuevo.',
  addToConversation: 'Añadir a la conversación',
  sendReply: 'Enviar',
  markSolved: 'Marcar como resuelta',
  followUpOf: (number) => `Seguimiento de #${number}`,
  unsentReply: 'Tiene una respuesta sin enviar. ¿Desea enviarla antes de marcar la solicitud como resuelta?',
  sendAndSolve: 'Enviar y marcar como resuelta',
  solveWithoutSending: 'Marcar como resuelta sin enviar',
  cancel: 'Cancelar',
  rateTitle: '¿Cómo valora nuestra ayuda?',
  rateGood: 'Bien',
  rateBad: 'Mal',
  rateComment: '¿Desea añadir algo? (opcional)',
  rateSend: 'Enviar valoración',
  rateConfirm: '¿Enviar esta valoración?',
  rateThanks: 'Gracias por su valoración. Puede cambiarla en cualquier momento.',
  sending: 'Enviando…',
  sessionEnded: 'Su sesión ha finalizado. Vuelva a cargar la página para iniciar sesión de nuevo.',
};
