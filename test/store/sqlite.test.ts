// The storage port's conformance suite on SQLite (test/store/contract/).
import { defineStoreContract } from './contract/define.js';
import { openSqliteTestStore } from './engines.js';

defineStoreContract('SQLite', openSqliteTestStore);
