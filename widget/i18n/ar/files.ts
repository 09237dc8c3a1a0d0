/** The words of files and a member's reply form in Modern Standard Arabic; English's table (../en/files.ts) is the reference. */
import { fileSize, plural } from '../format.js';
import type { FilesWords } from '../types.js';

const size = fileSize('ar', ['بايت', 'كيلوبايت', 'ميغابايت']);
// A number of files, the noun agreeing with it: 3–10 ملفات, 11–99 ملفًا, else ملف. The digits stay, as limits show them.
const files = plural('ar', {
  few: (count) => `${count} ملفات`,
  many: (count) => `${count} ملفًا`,
  other: (count) => `${count} ملف`,
});

export const filesMessages: FilesWords = {
  attach: 'إرفاق ملفات',
  attachHint: (count, bytes) => `حتى ${files(count)}، بحجم ${size(bytes)} لكل ملف.`,
  uploading: 'جارٍ الرفع…',
  attached: 'مُرفَق',
  remove: (name) => `إزالة ${name}`,
  full: (max) => `هذا أقصى ما يمكن أن تحمله رسالة واحدة (${files(max)}). أزل ملفًا لإرفاق آخر.`,
  tooBig: (maxBytes) => `يجب ألا يتجاوز حجم الملف ${size(maxBytes)}.`,
  siteFull: 'لا توجد مساحة في هذا الموقع لمزيد من الملفات.',
  typeNotAllowed: 'لا يمكن إرفاق هذا النوع من الملفات.',
  tooManyUploads: 'عمليات رفع كثيرة جدًا الآن. يُرجى الانتظار لحظة ثم المحاولة مرة أخرى.',
  uploadFailed: 'لم يُرفَع هذا الملف.',
  size,
  tooManyFiles: (max) => `يمكن أن تحتوي الرسالة على ${files(max)} على الأكثر. أزل ملفًا وأعد الإرسال.`,
  fileGone: 'لم يعد أحد الملفات المرفقة موجودًا. أزله، ثم أرفقه من جديد، وأعد الإرسال.',
  addToConversation: 'إضافة إلى المحادثة',
  sendReply: 'إرسال',
  markSolved: 'وضع علامة «تم الحل»',
  followUpOf: (number) => `متابعة للطلب #${number}`,
  unsentReply: 'لديك رد لم يُرسل بعد. هل تريد إرساله قبل وضع علامة «تم الحل» على الطلب؟',
  sendAndSolve: 'إرسال ووضع علامة «تم الحل»',
  solveWithoutSending: 'وضع علامة «تم الحل» دون إرسال',
  cancel: 'إلغاء',
  rateTitle: 'كيف كان أداؤنا؟',
  rateGood: 'جيد',
  rateBad: 'سيئ',
  rateComment: 'هل تود إضافة شيء؟ (اختياري)',
  rateSend: 'إرسال التقييم',
  rateConfirm: 'هل تريد إرسال هذا التقييم؟',
  rateThanks: 'شكرًا على تقييمك. يمكنك تغييره في أي وقت.',
  sending: 'جارٍ الإرسال…',
  sessionEnded: 'انتهت جلستك. أعد تحميل الصفحة لتسجيل الدخول مرة أخرى.',
};
