/** A signed-in member's words in Spanish (usted); English's table (../en/member.ts) is the reference. */
import { plural } from '../format.js';
import type { MemberWords } from '../types.js';

export const memberMessages: MemberWords = {
  yourRequests: 'Sus solicitudes',
  signedInAs: (name) => `Sesión iniciada como ${name}`,
  // Spanish's "many" is for millions, which a badge never shows, so `other` serves it.
  awaitingBadge: plural('es', {
    one: (count) => `${count} solicitud espera su respuesta`,
    other: (count) => `${count} solicitudes esperan su respuesta`,
  }),
  lists: { mine: 'Mis solicitudes', ccd: 'Solicitudes en las que estoy en copia', org: 'Solicitudes de la organización' },
  statusFilter: 'Estado',
  allStatuses: 'Todas',
  statuses: { open: 'Abierta', awaiting_reply: 'Esperando su respuesta', solved: 'Resuelta', closed: 'Cerrada' },
  noRequests: 'Aún no hay nada aquí.',
  loadMore: 'Cargar más',
  lastActivity: (when) => `Actualizada ${when}`,
  requestTitle: (number) => `Solicitud #${number}`,
  requestMissing: 'Esta solicitud no está disponible.',
  linkOnly: 'Este enlace abre una sola solicitud. Inicie sesión en el sitio para ver todas sus solicitudes.',
  copied: 'CC',
  you: 'Usted',
  support: 'Asistencia',
  closedNote: 'Esta solicitud está cerrada. Para continuar, envíe una solicitud de seguimiento.',
  followUp: 'Enviar un seguimiento',
  followUpSubject: (number, subject) => `Seguimiento de #${number}: ${subject}`,
  newRequest: 'Enviar una solicitud',
  noneWithStatus: {
    open: 'No hay solicitudes abiertas',
    awaiting_reply: 'No hay solicitudes pendientes de su respuesta',
    solved: 'No hay solicitudes resueltas',
    closed: 'No hay solicitudes cerradas',
  },
  clearFilter: 'Mostrar todas las solicitudes',
  sessionEnded: 'Su sesión ha finalizado. Vuelva a cargar la página para iniciar sesión de nuevo.',
  newReply: (name) => `Nueva respuesta de ${name}.`,
  statusNow: (status) => `Estado cambiado a ${status}.`,
};
