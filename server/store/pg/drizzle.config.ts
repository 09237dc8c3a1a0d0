// drizzle-kit reads this to generate PostgreSQL migrations from schema.ts: `npm run db:generate:pg`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/store/pg/schema.ts',
  out: './server/store/pg/migrations',
});
