/** A signed-in member's words in Modern Standard Arabic; English's table (../en/member.ts) is the reference. */
import { plural } from '../format.js';
import type { MemberWords } from '../types.js';

export const memberMessages: MemberWords = {
  yourRequests: 'طلباتك',
  signedInAs: (name) => `تم تسجيل الدخول باسم ${name}`,
  // Arabic counts in six forms: none, one and two are said in words (طلب واحد، طلبان), 3–10 take the plural,
  // 11–99 the singular accusative, and 100 on the singular.
  awaitingBadge: plural('ar', {
    zero: () => 'لا توجد طلبات بانتظار ردك',
    one: () => 'طلب واحد بانتظار ردك',
    two: () => 'طلبان بانتظار ردك',
    few: (count) => `${count} طلبات بانتظار ردك`,
    many: (count) => `${count} طلبًا بانتظار ردك`,
    other: (count) => `${count} طلب بانتظار ردك`,
  }),
  lists: { mine: 'طلباتي', ccd: 'الطلبات التي أنا في نسختها', org: 'طلبات المؤسسة' },
  statusFilter: 'الحالة',
  allStatuses: 'الكل',
  statuses: { open: 'مفتوح', awaiting_reply: 'بانتظار ردك', solved: 'تم الحل', closed: 'مغلق' },
  noRequests: 'لا يوجد شيء هنا بعد.',
  loadMore: 'تحميل المزيد',
  lastActivity: (when) => `آخر تحديث ${when}`,
  requestTitle: (number) => `الطلب #${number}`,
  requestMissing: 'هذا الطلب غير متاح.',
  linkOnly: 'يفتح هذا الرابط طلبًا واحدًا. سجّل الدخول على الموقع لرؤية جميع طلباتك.',
  copied: 'نسخة',
  you: 'أنت',
  support: 'الدعم',
  closedNote: 'هذا الطلب مغلق. للمتابعة، أرسل طلب متابعة.',
  followUp: 'إرسال طلب متابعة',
  followUpSubject: (number, subject) => `متابعة للطلب #${number}: ${subject}`,
  newRequest: 'إرسال طلب',
  noneWithStatus: { open: 'لا توجد طلبات مفتوحة', awaiting_reply: 'لا توجد طلبات بانتظار ردك', solved: 'لا توجد طلبات محلولة', closed: 'لا توجد طلبات مغلقة' },
  clearFilter: 'عرض كل الطلبات',
  sessionEnded: 'انتهت جلستك. أعد تحميل الصفحة لتسجيل الدخول مرة أخرى.',
  newReply: (name) => `ردّ جديد من ${name}.`,
  statusNow: (status) => `تغيّرت الحالة إلى ${status}.`,
};
