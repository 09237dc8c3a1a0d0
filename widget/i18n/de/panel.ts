/** The panel's first-load words in German (Sie); English's table (../en/panel.ts) is the reference. */
import type { PanelWords } from '../types.js';

export const messages: PanelWords = {
  panelTitle: 'Hilfe',
  close: 'Hilfe schließen',
  back: 'Zurück',
  searchLabel: 'Hilfeartikel durchsuchen',
  searchPlaceholder: 'Antworten suchen …',
  suggested: 'Vorschläge für diese Seite',
  results: (query) => `Ergebnisse für „${query}“`,
  noResults: 'Keine Artikel passen zu dieser Suche. Versuchen Sie es mit anderen Begriffen oder kontaktieren Sie uns.',
  loading: 'Wird geladen …',
  contactPrompt: 'Nicht gefunden, was Sie suchen?',
  contactUs: 'Kontakt aufnehmen',
  offline: 'Der Support ist gerade nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  retry: 'Erneut versuchen',
};
