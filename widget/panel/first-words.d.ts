/** The locale's first words, which build.mjs resolves for each of its panel builds (see entry.ts). */
declare module 'porthole:first-words' {
  export const messages: import('../i18n/types.js').PanelWords;
}
