/** The mails' words in Modern Standard Arabic; English's table (../en/mail.ts) is the reference. */
import { plural } from '../format.js';
import type { MailWords } from '../types.js';

export const mailMessages: MailWords = {
  locale: 'ar',
  replyAbove: '##- يُرجى كتابة ردك فوق هذا السطر -##',

  requestSubject: (number, subject) => `[#${number}] ${subject}`,
  requesterNeutralSubject: (number, site) => `طلبك #${number} إلى ${site}`,
  ccNeutralSubject: (number, site) => `أنت في نسخة الطلب #${number} إلى ${site}`,

  received: (number, site) => `تلقّينا طلبك #${number} إلى ${site} وسنرد عليك قريبًا.`,
  copied: (number, site) => `تمت إضافتك إلى نسخة الطلب #${number} إلى ${site}.`,
  newMessage: (number) => `توجد رسالة جديدة في الطلب #${number}.`,
  agentReplied: (site, number) => `ردّ فريق دعم ${site} على طلبك #${number}.`,
  solved: (site, number) => `وضع فريق دعم ${site} علامة «تم الحل» على طلبك #${number}.`,
  reopenByReply: 'إذا كان هناك ما لا يزال غير صحيح، فردّ على هذه الرسالة لإعادة فتح الطلب.',
  viewConversation: 'عرض المحادثة',

  wrote: (author, when) => `كتب ${author} في ${when}:`,
  earlierMessages: 'في وقت سابق من هذه المحادثة',
  olderNotShown: plural('ar', {
    zero: () => 'لا توجد رسائل أقدم في المحادثة.',
    one: () => 'توجد رسالة واحدة أقدم في المحادثة.',
    two: () => 'توجد رسالتان أقدم في المحادثة.',
    few: (count) => `توجد ${count} رسائل أقدم في المحادثة.`,
    many: (count) => `توجد ${count} رسالةً أقدم في المحادثة.`,
    other: (count) => `توجد ${count} رسالة أقدم في المحادثة.`,
  }),

  setPasswordSubject: (site) => `عيّن كلمة المرور الخاصة بك لدعم ${site}`,
  setPasswordBody: (email, site) => `طلب شخص ما تعيين كلمة مرور للعنوان ${email} في مركز مساعدة ${site}. يعمل الرابط مرة واحدة، لمدة ساعة.`,
  setPasswordIgnore: 'إذا لم تكن أنت صاحب الطلب، فتجاهل هذه الرسالة: لن يتغير شيء.',
  setPasswordButton: 'تعيين كلمة مرور',
  signInSubject: (site) => `تسجيل الدخول إلى دعم ${site}`,
  signInBody: (email, site) => `طلب شخص ما تسجيل الدخول إلى مركز مساعدة ${site} باسم ${email}. يعمل الرابط مرة واحدة، لمدة 15 دقيقة.`,
  signInIgnore: 'إذا لم تكن أنت صاحب الطلب، فتجاهل هذه الرسالة.',
  signInButton: 'تسجيل الدخول',

  newRequest: (number, from) => `طلب جديد #${number} من ${from}.`,
  customerReplied: (author, number) => `ردّ ${author} على الطلب #${number}.`,
  theCustomer: 'العميل',
  openInInbox: 'فتح في صندوق الوارد',

  digestSubject: (site) => `الطلبات التي تغيّرت في ${site} خلال هذه الساعة`,
  digestIntro: (site, perHour) => `حدث في ${site} خلال هذه الساعة أكثر مما تتسع له رسائلنا إلى كل موظف دعم (${perHour} في الساعة). منذ ذلك الحين:`,
  digestEntry: (number, changes, link) => `الطلب #${number}: ${changes.join('، ')} — ${link}`,
  digestMore: '… والمزيد: راجع صندوق الوارد.',
  openTheInbox: 'فتح صندوق الوارد',
  changes: { new_request: 'طلب جديد', customer_reply: 'رد العميل' },
  howDidWeDo: 'كيف كان أداؤنا؟',
  rateGood: 'جيد',
  rateBad: 'سيئ',
};
