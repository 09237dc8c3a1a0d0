/** The panel's first-load words in Spanish (usted); English's table (../en/panel.ts) is the reference. */
import type { PanelWords } from '../types.js';

export const messages: PanelWords = {
  panelTitle: 'Ayuda',
  close: 'Cerrar ayuda',
  back: 'Volver',
  searchLabel: 'Buscar en los artículos de ayuda',
  searchPlaceholder: 'Buscar respuestas…',
  suggested: 'Sugerencias para esta página',
  results: (query) => `Resultados para «${query}»`,
  noResults: 'Ningún artículo coincide con esa búsqueda. Pruebe con otras palabras o contáctenos.',
  loading: 'Cargando…',
  contactPrompt: '¿No encontró lo que necesita?',
  contactUs: 'Contáctenos',
  offline: 'No pudimos conectar con el servicio de asistencia. Compruebe su conexión e inténtelo de nuevo.',
  retry: 'Reintentar',
};
