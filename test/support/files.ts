/** Files for attachment tests: real bytes of each kind, and the upload and download calls the widget and the inbox make. */
import type { TestApp } from './test-app.js';
import type { FileStorage } from '../../server/files/storage.js';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A minimal Word document (a ZIP with the OOXML parts a sniffer looks for), made with Python's zipfile. */
export const DOCX = Buffer.from(
  'UEsDBBQAAAAAAGpvg13GEnoH8QAAAPEAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbDw/eG1sIHZlcnNpb249IjEuMCI/PjxUeXBlcyB4bWxucz0iaHR0cDovL3NjaGVtYXMub3BlbnhtbGZvcm1hdHMub3JnL3BhY2thZ2UvMjAwNi9jb250ZW50LXR5cGVzIj48T3ZlcnJpZGUgUGFydE5hbWU9Ii93b3JkL2RvY3VtZW50LnhtbCIgQ29udGVudFR5cGU9ImFwcGxpY2F0aW9uL3ZuZC5vcGVueG1sZm9ybWF0cy1vZmZpY2Vkb2N1bWVudC53b3JkcHJvY2Vzc2luZ21sLmRvY3VtZW50Lm1haW4reG1sIi8+PC9UeXBlcz5QSwMEFAAAAAAAam+DXWFyWp4lAAAAJQAAAAsAAABfcmVscy8ucmVsczw/eG1sIHZlcnNpb249IjEuMCI/PjxSZWxhdGlvbnNoaXBzLz5QSwMEFAAAAAAAam+DXSjgyeYiAAAAIgAAABEAAAB3b3JkL2RvY3VtZW50LnhtbDw/eG1sIHZlcnNpb249IjEuMCI/Pjx3OmRvY3VtZW50Lz5QSwECFAMUAAAAAABqb4NdxhJ6B/EAAADxAAAAEwAAAAAAAAAAAAAAgAEAAAAAW0NvbnRlbnRfVHlwZXNdLnhtbFBLAQIUAxQAAAAAAGpvg11hclqeJQAAACUAAAALAAAAAAAAAAAAAACAASIBAABfcmVscy8ucmVsc1BLAQIUAxQAAAAAAGpvg10o4MnmIgAAACIAAAARAAAAAAAAAAAAAACAAXABAAB3b3JkL2RvY3VtZW50LnhtbFBLBQYAAAAAAwADALkAAADBAQAAAAA=',
  'base64',
);
export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>');
export const XML_SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
/** The first bytes of a Linux executable. */
export const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0]);
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

// ---- for the storages themselves ----

/** Bytes arriving in pieces, as a socket delivers them; an Error among them fails the stream there. */
export async function* pieces(...parts: (Buffer | Error)[]): AsyncIterable<Uint8Array> {
  for (const part of parts) {
    if (part instanceof Error) throw part;
    yield part;
  }
}

/** The stored bytes, or an empty buffer when the storage has none. */
export async function readAll(storage: FileStorage, siteId: string, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await storage.open(siteId, key)) ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const bytes = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31) % 251));
