/** What the page's own views are given: the panel's model, who is signed in, and where to go. */
import type { ViewModel } from '../panel/state.js';
import type { Account } from './account.js';
import type { Places } from './routing.js';

export interface HelpPage {
  model: ViewModel;
  account: Account;
  places: Places;
  site: string;
}
