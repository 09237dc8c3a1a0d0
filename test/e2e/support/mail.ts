/** The mail a browser test's person would open: what the support server wrote to its outbox. */
import { expect } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../server/store/sqlite/client.js';
import { outbox } from '../../support/tables.js';

/** The link in the newest mail of `kind` to `email`, as the person would click it. */
export async function mailedLink(db: Db, kind: 'portal_set_password' | 'portal_sign_in', email: string): Promise<string> {
  let text = '';
  await expect
    .poll(async () => {
      const [mail] = await db
        .select({ text: outbox.text })
        .from(outbox)
        .where(and(eq(outbox.toEmail, email), eq(outbox.kind, kind)))
        .orderBy(desc(outbox.createdAt))
        .limit(1);
      text = mail?.text ?? '';
      return text;
    })
    .toMatch(/#token=/);
  return /(https?:\/\/\S+#token=[\w-]+)/.exec(text)![1]!;
}
