/** Process entry of the support server alone (production): `npm run start:server`. */
import { readConfig } from './config.js';
import { startSupportServer } from './server.js';
import { closeOnSignals } from './shutdown.js';

const server = await startSupportServer(readConfig());
closeOnSignals(server.app.log, [server]);
