/** The panel's first-load words in French (vous); English's table (../en/panel.ts) is the reference. */
import type { PanelWords } from '../types.js';

export const messages: PanelWords = {
  panelTitle: 'Aide',
  close: 'Fermer l’aide',
  back: 'Retour',
  searchLabel: 'Rechercher dans les articles d’aide',
  searchPlaceholder: 'Rechercher des réponses…',
  suggested: 'Suggestions pour cette page',
  results: (query) => `Résultats pour « ${query} »`,
  noResults: 'Aucun article ne correspond à cette recherche. Essayez d’autres mots ou contactez-nous.',
  loading: 'Chargement…',
  contactPrompt: 'Vous n’avez pas trouvé ce qu’il vous faut ?',
  contactUs: 'Nous contacter',
  offline: 'Impossible de joindre l’assistance pour le moment. Vérifiez votre connexion et réessayez.',
  retry: 'Réessayer',
};
