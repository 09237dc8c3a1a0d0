/** What the services use of files: where the bytes are, and the signed URLs that download them. */
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../services/clock.js';
import { createDownloadUrls, type DownloadUrls } from './download-urls.js';
import { directoryStorage } from './directory-storage.js';
import type { FileStorage } from './storage.js';

export interface Files {
  storage: FileStorage;
  urls: DownloadUrls;
}

/** The database's own file storage where it has one (PostgreSQL), else the files directory. */
export const fileStorageFor = (store: Store, config: Pick<Config, 'filesDir'>): FileStorage => store.fileBytes ?? directoryStorage(config.filesDir);

export function createFiles(store: Store, config: Config, serverKey: string, clock: Clock): Files {
  return { storage: fileStorageFor(store, config), urls: createDownloadUrls(serverKey, config.publicUrl, config.attachments.urlMinutes, clock) };
}
