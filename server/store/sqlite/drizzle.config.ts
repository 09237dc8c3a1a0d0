// drizzle-kit reads this to generate migrations from schema.ts: `npm run db:generate:sqlite`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/store/sqlite/schema.ts',
  out: './server/store/sqlite/migrations',
});
