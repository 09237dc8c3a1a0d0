/** The Help Center page's entry: the server rendered the shell and what the address shows in #help. */
import './page.css';
import { mountHelpCenter } from './mount.js';

const host = document.getElementById('help');
const site = host?.dataset.site;
if (host && site) void mountHelpCenter(host, site);
