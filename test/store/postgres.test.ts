// The storage port's conformance suite on PostgreSQL (test/store/contract/), on the run's test
// cluster; skipped only where the cluster helper says so (never in CI).
import { describe } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { defineStoreContract } from './contract/define.js';
import { openPostgresTestStore } from './engines.js';

describe.skipIf(!postgresAvailable())('PostgreSQL', () => defineStoreContract('PostgreSQL', () => openPostgresTestStore()));
