/** The panel's first-load words in Modern Standard Arabic (right to left); English's table (../en/panel.ts) is the reference. */
import type { PanelWords } from '../types.js';

export const messages: PanelWords = {
  panelTitle: 'الدعم',
  close: 'إغلاق الدعم',
  back: 'رجوع',
  searchLabel: 'البحث في مقالات المساعدة',
  searchPlaceholder: 'ابحث عن إجابات…',
  suggested: 'مقترحات لهذه الصفحة',
  results: (query) => `نتائج البحث عن «${query}»`,
  noResults: 'لا توجد مقالات تطابق هذا البحث. جرّب كلمات أخرى، أو تواصل معنا.',
  loading: 'جارٍ التحميل…',
  contactPrompt: 'لم تجد ما تحتاج إليه؟',
  contactUs: 'تواصل معنا',
  offline: 'تعذّر الوصول إلى الدعم الآن. تحقّق من اتصالك وحاول مرة أخرى.',
  retry: 'إعادة المحاولة',
};
