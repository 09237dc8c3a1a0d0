/** The mails' words in Spanish (usted); English's table (../en/mail.ts) is the reference. */
import { plural } from '../format.js';
import type { MailWords } from '../types.js';

export const mailMessages: MailWords = {
  locale: 'es',
  replyAbove: '##- Escriba su respuesta por encima de esta línea -##',

  requestSubject: (number, subject) => `[#${number}] ${subject}`,
  requesterNeutralSubject: (number, site) => `Su solicitud #${number} a ${site}`,
  ccNeutralSubject: (number, site) => `Está en copia de la solicitud #${number} a ${site}`,

  received: (number, site) => `Hemos recibido su solicitud #${number} a ${site} y le responderemos pronto.`,
  copied: (number, site) => `Le han puesto en copia de la solicitud #${number} a ${site}.`,
  newMessage: (number) => `Hay un mensaje nuevo en la solicitud #${number}.`,
  agentReplied: (site, number) => `El equipo de asistencia de ${site} ha respondido a su solicitud #${number}.`,
  solved: (site, number) => `El equipo de asistencia de ${site} ha marcado su solicitud #${number} como resuelta.`,
  reopenByReply: 'Si algo sigue sin estar bien, responda a este correo para volver a abrirla.',
  viewConversation: 'Ver la conversación',

  wrote: (author, when) => `${author} escribió el ${when}:`,
  earlierMessages: 'Anteriormente en esta conversación',
  olderNotShown: plural('es', {
    one: () => 'Hay un mensaje anterior en la conversación.',
    other: (count) => `Hay ${count} mensajes anteriores en la conversación.`,
  }),

  setPasswordSubject: (site) => `Establezca su contraseña para la asistencia de ${site}`,
  setPasswordBody: (email, site) =>
    `Alguien ha solicitado establecer una contraseña para ${email} en el Centro de ayuda de ${site}. El enlace funciona una sola vez, durante una hora.`,
  setPasswordIgnore: 'Si no fue usted, ignore este correo: no cambiará nada.',
  setPasswordButton: 'Establecer una contraseña',
  signInSubject: (site) => `Inicie sesión en la asistencia de ${site}`,
  signInBody: (email, site) =>
    `Alguien ha solicitado iniciar sesión en el Centro de ayuda de ${site} como ${email}. El enlace funciona una sola vez, durante 15 minutos.`,
  signInIgnore: 'Si no fue usted, ignore este correo.',
  signInButton: 'Iniciar sesión',

  newRequest: (number, from) => `Nueva solicitud #${number} de ${from}.`,
  customerReplied: (author, number) => `${author} ha respondido en la solicitud #${number}.`,
  theCustomer: 'El cliente',
  openInInbox: 'Abrir en la bandeja de entrada',

  digestSubject: (site) => `Solicitudes que cambiaron en ${site} en esta hora`,
  digestIntro: (site, perHour) => `En ${site} ha pasado más esta hora que los ${perHour} correos que enviamos a cada agente. Desde entonces:`,
  digestEntry: (number, changes, link) => `#${number}: ${changes.join(', ')} — ${link}`,
  digestMore: '… y más: consulte la bandeja de entrada.',
  openTheInbox: 'Abrir la bandeja de entrada',
  changes: { new_request: 'nueva solicitud', customer_reply: 'respuesta del cliente' },
  howDidWeDo: '¿Cómo valora nuestra ayuda?',
  rateGood: 'Bien',
  rateBad: 'Mal',
};
