/**
 * `npm start`: the support server and the demo host site together, on two origins as in real life
 * (http://localhost:3000 and http://localhost:8080 by default). Ctrl+C stops both cleanly.
 */
import { readConfig } from '../server/config.js';
import { startSupportServer } from '../server/server.js';
import { closeOnSignals } from '../server/shutdown.js';
import { startDemoHost } from './server.js';

// Development takes mail in on 2525 unless told otherwise (README: try it with nodemailer).
const config = readConfig({ INBOUND_SMTP_PORT: '2525', ...process.env });
const support = await startSupportServer(config);
const demo = await startDemoHost({
  port: config.demoPort,
  host: config.host,
  publicUrl: config.publicUrl,
  siteSecret: config.demoSiteSecret,
  connections: config.connections,
});
support.app.log.info(`demo host site on ${demo.url} — open it and click Support`);
closeOnSignals(support.app.log, [demo, support]);
