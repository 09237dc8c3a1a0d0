/** Files for attachment tests: real bytes of each kind, and the upload and download calls the widget and the inbox make. */
import type { TestApp } from './test-app.js';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>');
export const JS = Buffer.from('fetch("/api/v1/agent/requests").then((r) => r.text()).then(alert);\n');
export const TEXT = Buffer.from('order,amount\n1042,19.99\nnaïve café,0\n');

export interface UploadOptions {
  filename?: string;
  type?: string;
  headers?: Record<string, string>;
  /** The agents' route instead of the site's. */
  agent?: boolean;
  site?: string;
  remoteAddress?: string;
}

export function upload(t: TestApp, body: Buffer, options: UploadOptions = {}) {
  const query = new URLSearchParams({ filename: options.filename ?? 'file.png' });
  return t.app.inject({
    method: 'POST',
    url: options.agent ? `/api/v1/agent/attachments?${query}` : `/api/v1/sites/${options.site ?? 'demo'}/attachments?${query}`,
    headers: { 'content-type': options.type ?? 'image/png', ...options.headers },
    payload: body,
    ...(options.remoteAddress && { remoteAddress: options.remoteAddress }),
  });
}

/** Follows a signed URL from a view (absolute, at PUBLIC_URL) on the app. */
export function download(t: TestApp, url: string) {
  const { pathname, search } = new URL(url);
  return t.app.inject({ url: pathname + search });
}
