import { MemoryVerdictStore } from '#adapters/memory/memory-verdict-store';
import { describeVerdictStoreContract } from '#test/helpers/contracts/verdict-store-contract';

describeVerdictStoreContract('MemoryVerdictStore', async () => new MemoryVerdictStore());
